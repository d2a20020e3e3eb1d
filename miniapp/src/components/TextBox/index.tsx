import { Textarea } from '@tarojs/components';

interface TextBoxProps {
  /** Stable hook for tests and Playwright, e.g. 'review-reason' (the shared 'textarea' style is added). */
  className: string;
  value: string;
  /** The most characters kept: typing stops there on WeChat, and pasted or H5 input is cut to it. */
  max: number;
  placeholder?: string;
  onChange: (value: string) => void;
}

/** A multi-line text field that never holds more than `max` characters. */
export default function TextBox({ className, value, max, placeholder, onChange }: TextBoxProps) {
  return <Textarea className={`textarea ${className}`} value={value} maxlength={max} placeholder={placeholder} onInput={(event) => onChange(event.detail.value.slice(0, max))} />;
}
