// Stand-in for @tarojs/components under jest: plain DOM elements with the props the app uses.
import { forwardRef, type CSSProperties, type ReactNode } from 'react';

interface BaseProps {
  className?: string;
  children?: ReactNode;
  onClick?: () => void;
}

interface ViewProps extends BaseProps {
  style?: CSSProperties;
  role?: string;
  ariaLabel?: string;
}

/** Like Taro's View on H5, a ref reaches the element (charts render into it). */
export const View = forwardRef<HTMLDivElement, ViewProps>(function View({ className, children, onClick, style, role, ariaLabel }, ref) {
  return (
    <div ref={ref} className={className} onClick={onClick} style={style} role={role} aria-label={ariaLabel}>
      {children}
    </div>
  );
});

export function Text({ className, children, onClick }: BaseProps) {
  return (
    <span className={className} onClick={onClick}>
      {children}
    </span>
  );
}

interface ButtonProps extends BaseProps {
  id?: string;
  disabled?: boolean;
  loading?: boolean;
  openType?: string;
  onGetPhoneNumber?: (event: { detail: { errMsg: string; code?: string } }) => void;
  onAgreePrivacyAuthorization?: () => void;
}

let phoneNumberAnswer: { errMsg: string; code?: string } = { errMsg: 'getPhoneNumber:fail user deny' };

/** What WeChat answers the next tap on a getPhoneNumber button (the user allowed: a code; refused: none). */
export function setPhoneNumberAnswer(answer: { errMsg: string; code?: string }): void {
  phoneNumberAnswer = answer;
}

export function Button({ id, className, children, onClick, disabled, loading, openType, onGetPhoneNumber, onAgreePrivacyAuthorization }: ButtonProps) {
  // WeChat answers a tap on an open-type button with that type's event instead of a plain tap.
  const tap =
    openType === 'getPhoneNumber'
      ? () => onGetPhoneNumber?.({ detail: phoneNumberAnswer })
      : openType === 'agreePrivacyAuthorization'
        ? onAgreePrivacyAuthorization
        : onClick;
  return (
    <button
      type="button"
      id={id}
      className={className}
      onClick={tap}
      disabled={disabled}
      aria-busy={loading ? true : undefined}
      data-open-type={openType}
    >
      {children}
    </button>
  );
}

interface FieldProps {
  className?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  disabled?: boolean;
  type?: string;
  confirmType?: string;
  onInput?: (event: { detail: { value: string } }) => void;
  onConfirm?: (event: { detail: { value: string } }) => void;
}

/** Taro's Input: the value arrives as event.detail.value. fireEvent.change(input, { target: { value } }). */
export function Input({ className, value, placeholder, maxlength, disabled, onInput, onConfirm }: FieldProps) {
  return (
    <input
      className={className}
      value={value}
      placeholder={placeholder}
      maxLength={maxlength}
      disabled={disabled}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onConfirm?.({ detail: { value: (event.target as HTMLInputElement).value } });
      }}
    />
  );
}

export function Textarea({ className, value, placeholder, maxlength, disabled, onInput }: FieldProps) {
  return (
    <textarea
      className={className}
      value={value}
      placeholder={placeholder}
      maxLength={maxlength}
      disabled={disabled}
      onChange={(event) => onInput?.({ detail: { value: event.target.value } })}
    />
  );
}

export function Image({ className, src, onClick }: BaseProps & { src?: string; mode?: string }) {
  return <img className={className} src={src} alt="" onClick={onClick} />;
}

interface PickerProps {
  mode?: string;
  value?: string;
  start?: string;
  end?: string;
  children?: ReactNode;
  onChange?: (event: { detail: { value: string } }) => void;
}

/**
 * Taro's Picker (date mode): the children open it; here a date field beside them stands for the wheel, so a test
 * picks with fireEvent.change(screen.getByLabelText('picker-date'), { target: { value: '2026-12-05' } }).
 */
export function Picker({ mode = 'selector', value, start, end, children, onChange }: PickerProps) {
  return (
    <div>
      <input aria-label={`picker-${mode}`} value={value} min={start} max={end} onChange={(event) => onChange?.({ detail: { value: event.target.value } })} />
      {children}
    </div>
  );
}

interface CanvasTouchStub {
  touches: Array<{ identifier: number; x: number; y: number }>;
  changedTouches: Array<{ identifier: number; x: number; y: number }>;
}
type CanvasTouchHandler = (event: CanvasTouchStub) => void;
const canvasTouchHandlers = new WeakMap<Element, { start?: CanvasTouchHandler; end?: CanvasTouchHandler }>();

interface CanvasProps extends BaseProps {
  id?: string;
  type?: string;
  style?: CSSProperties;
  onTouchStart?: CanvasTouchHandler;
  onTouchEnd?: CanvasTouchHandler;
}

/** Taro's Canvas: a canvas element; touchCanvas() is a finger on it (x, y in CSS px from its top left). */
export function Canvas({ className, id, style, type, onTouchStart, onTouchEnd }: CanvasProps) {
  return (
    <canvas
      ref={(el) => {
        if (el) canvasTouchHandlers.set(el, { start: onTouchStart, end: onTouchEnd });
      }}
      className={className}
      id={id}
      style={style}
      data-type={type}
    />
  );
}

export function touchCanvas(canvas: Element, phase: 'start' | 'end', point: { x: number; y: number }): void {
  const handlers = canvasTouchHandlers.get(canvas);
  const touch = { identifier: 0, ...point };
  if (phase === 'start') handlers?.start?.({ touches: [touch], changedTouches: [touch] });
  else handlers?.end?.({ touches: [], changedTouches: [touch] });
}
