import { Button, View } from '@tarojs/components';

/** What still stops the report (or the API's refusal), and 提交 — 继续提交 once similar tickets were offered. */
export default function SubmitSection({ formError, submitting, similarOffered, onSubmit }: { formError: string; submitting: boolean; similarOffered: boolean; onSubmit: () => void }) {
  return (
    <>
      {formError ? <View className="form-error report-error">{formError}</View> : null}
      <Button className="button button-primary button-block report-submit" disabled={submitting || undefined} onClick={onSubmit}>
        {submitting ? '正在提交…' : similarOffered ? '不是同一个问题，继续提交' : '提交'}
      </Button>
    </>
  );
}
