import { Button, View } from '@tarojs/components';

interface StatusNoticeProps {
  /** Stable hook for tests and Playwright, e.g. 'list-error'. */
  className: string;
  title: string;
  text?: string;
  actionText?: string;
  onAction?: () => void;
}

/** A loading, empty or error notice in place of content; the action (e.g. 重试) is a real button. */
export default function StatusNotice({ className, title, text, actionText, onAction }: StatusNoticeProps) {
  return (
    <View className={`notice ${className}`}>
      <View className="notice-title">{title}</View>
      {text ? <View className="notice-text">{text}</View> : null}
      {actionText && onAction ? (
        <Button className="button button-primary notice-action" onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
