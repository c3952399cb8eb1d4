/** Secret scanning: the forms a secret can take in text, and where any of them appears. */
import type { CapturedText } from "./stack";

export interface Secret {
  /** What to call it in a failure message; the value itself is never printed. */
  label: string;
  value: string;
}

/**
 * The secret as it would look if leaked raw, URL-encoded (a query or a form body), JSON-escaped
 * or base64-encoded (a Basic header, a serialized buffer).
 */
export function secretForms(value: string): string[] {
  const forms = [
    value,
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
    Buffer.from(value).toString("base64"),
  ];
  return [...new Set(forms)];
}

export interface Leak {
  where: string;
  secret: string;
}

/** Every (place, secret) pair where a form of the secret appears. */
export function findLeaks(texts: readonly CapturedText[], secrets: readonly Secret[]): Leak[] {
  const leaks: Leak[] = [];
  for (const secret of secrets) {
    const forms = secretForms(secret.value);
    for (const { where, text } of texts) {
      if (forms.some((form) => text.includes(form))) leaks.push({ where, secret: secret.label });
    }
  }
  return leaks;
}
