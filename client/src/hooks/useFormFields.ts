import { useCallback, useState } from 'react';

export type FieldErrors<Values> = Partial<Record<keyof Values, string>>;

/**
 * A form's values as typed and a message per field: editing a field clears its message, and
 * `reset` starts over from given values. The form's own hook checks and sends (see useSubmit).
 */
export function useFormFields<Values extends object>(initial: Values | (() => Values)) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FieldErrors<Values>>({});

  const set = useCallback(<K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  }, []);

  const reset = useCallback((next: Values) => {
    setValues(next);
    setErrors({});
  }, []);

  return { values, errors, set, setErrors, reset };
}
