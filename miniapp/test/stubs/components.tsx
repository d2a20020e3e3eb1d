// Stand-in for @tarojs/components under jest: plain DOM elements with the props the app uses.
import type { ReactNode } from 'react';

interface BaseProps {
  className?: string;
  children?: ReactNode;
  onClick?: () => void;
}

export function View({ className, children, onClick }: BaseProps) {
  return (
    <div className={className} onClick={onClick}>
      {children}
    </div>
  );
}

export function Text({ className, children, onClick }: BaseProps) {
  return (
    <span className={className} onClick={onClick}>
      {children}
    </span>
  );
}

export function Button({ className, children, onClick, disabled, loading }: BaseProps & { disabled?: boolean; loading?: boolean }) {
  return (
    <button type="button" className={className} onClick={onClick} disabled={disabled} aria-busy={loading ? true : undefined}>
      {children}
    </button>
  );
}
