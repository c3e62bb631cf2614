import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './StationFormField.scss';

export interface StationFormFieldProps {
  label: string;
  /** Used as a class modifier, so tests and styles can find the row. */
  name: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}

/** One labelled row of the station form, with its hint and its error in red below. */
export function StationFormField({ label, name, required, hint, error, children }: StationFormFieldProps) {
  return (
    <View className={`staff-field staff-field--${name}${error ? ' staff-field--invalid' : ''}`}>
      <Text className="staff-field__label">
        {label}
        {required ? <Text className="staff-field__required"> *</Text> : null}
      </Text>
      {children}
      {hint && !error ? <View className="staff-field__hint">{hint}</View> : null}
      {error ? <Text className="staff-field__error">{error}</Text> : null}
    </View>
  );
}

export interface StationTextInputProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  multiline?: boolean;
  type?: 'text' | 'digit' | 'number';
  maxlength?: number;
}

/** A large text box (single line or growing multi-line). */
export function StationTextInput({
  value,
  onChange,
  placeholder,
  multiline,
  type,
  maxlength,
}: StationTextInputProps) {
  if (multiline) {
    return (
      <Textarea
        className="staff-field__textarea"
        value={value}
        placeholder={placeholder}
        autoHeight
        maxlength={maxlength ?? 2000}
        onInput={(event) => onChange(event.detail.value)}
      />
    );
  }
  return (
    <Input
      className="staff-field__input"
      value={value}
      type={type ?? 'text'}
      placeholder={placeholder}
      maxlength={maxlength ?? 140}
      onInput={(event) => onChange(event.detail.value)}
    />
  );
}
