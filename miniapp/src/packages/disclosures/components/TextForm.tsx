import { useState } from 'react';
import { Button, View } from '@tarojs/components';
import TextBox from '../../../components/TextBox';

/**
 * A short text to send (a question, an answer, a query): kept while sending, the button disabled meanwhile,
 * the API's refusal shown under the field; cleared once sent.
 */
export default function TextForm({
  className,
  label,
  placeholder,
  submitText,
  max = 1000,
  required = true,
  onSubmit,
  onCancel,
}: {
  className: string;
  label: string;
  placeholder: string;
  submitText: string;
  max?: number;
  required?: boolean;
  onSubmit: (text: string) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const send = async () => {
    if (required && !text.trim()) {
      setError(`请先填写${label.replace(/（.*）/, '')}`);
      return;
    }
    setBusy(true);
    setError('');
    const refusal = await onSubmit(text.trim());
    setBusy(false);
    if (refusal) setError(refusal);
    else setText('');
  };

  return (
    <View className={`text-form ${className}`}>
      <View className="field-label">{label}</View>
      <TextBox
        className="text-form-input"
        value={text}
        max={max}
        placeholder={placeholder}
        onChange={(value) => {
          setText(value);
          setError('');
        }}
      />
      {error ? <View className="form-error text-form-error">{error}</View> : null}
      <View className="button-row">
        <Button className="button button-primary text-form-submit" disabled={busy || undefined} onClick={() => void send()}>
          {busy ? '正在提交…' : submitText}
        </Button>
        {onCancel ? (
          <Button className="button text-form-cancel" disabled={busy || undefined} onClick={onCancel}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  );
}
