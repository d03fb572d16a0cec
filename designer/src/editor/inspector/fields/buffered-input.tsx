import { useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/**
 * Shows what the user typed while the field has focus, even when the stored value differs (the schema trims
 * text, so "物业 经理" would otherwise lose its space mid-word); follows the stored value when not focused.
 */
function useBuffer(value: string, onValue: (text: string) => void) {
  const [buffer, setBuffer] = useState<string>();
  return {
    value: buffer ?? value,
    onFocus: () => setBuffer(value),
    onBlur: () => setBuffer(undefined),
    onChange: (event: { target: { value: string } }) => {
      setBuffer(event.target.value);
      onValue(event.target.value);
    },
  };
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  onValue(text: string): void;
};

/** A one-line text input with the typing buffer described above. */
export function BufferedInput({ value, onValue, ...rest }: InputProps) {
  return <input {...rest} {...useBuffer(value, onValue)} />;
}

type AreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onValue(text: string): void;
};

/** A multi-line text input with the same typing buffer. */
export function BufferedTextArea({ value, onValue, ...rest }: AreaProps) {
  return <textarea rows={3} {...rest} {...useBuffer(value, onValue)} />;
}
