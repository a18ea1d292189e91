import { customProfileTagSchema, maxCustomProfileTags } from '@console/shared/api';
import { TagsInput } from '@mantine/core';
import { useState } from 'react';

/** Which custom profile fields the user page reads: full Tencent names, checked as they are added. */
export function CustomTagsInput({
  value,
  onChange,
}: {
  value: string[];
  onChange: (tags: string[]) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <TagsInput
      label="Custom profile fields to read"
      description="Tencent answers only the custom fields asked for by name. Remembered for this environment in this browser."
      placeholder={value.length === 0 ? 'Tag_Profile_Custom_Tier, then Enter' : undefined}
      value={value}
      maxTags={maxCustomProfileTags}
      splitChars={[',', ' ']}
      error={error}
      onChange={(tags) => {
        const trimmed = tags.map((t) => t.trim()).filter((t) => t !== '');
        const bad = trimmed.filter((t) => !customProfileTagSchema.safeParse(t).success);
        setError(
          bad.length === 0
            ? null
            : `${bad.join(', ')}: a custom field is Tag_Profile_Custom_ and 1–16 letters, digits or _`,
        );
        onChange([...new Set(trimmed.filter((t) => !bad.includes(t)))]);
      }}
    />
  );
}
