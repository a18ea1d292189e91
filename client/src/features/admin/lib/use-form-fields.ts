import { useCallback, useState } from 'react';
import type { FieldErrors } from './form-errors';

/**
 * A small form's values and per-field errors: editing a field clears that field's error, so a
 * message never outlives the input it spoke of.
 */
export function useFormFields<T extends Record<string, string>>(empty: T) {
  const [values, setValues] = useState<T>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = useCallback((field: keyof T & string, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _, ...rest }) => rest);
  }, []);
  const clear = useCallback(() => setValues(empty), [empty]);
  return { values, errors, setErrors, set, clear };
}
