/**
 * Redaction: every text that comes from outside (an API message, a network error message) passes
 * through here before it goes into an error or a log line, so that a secret echoed back by a
 * server or a library never reaches a CI log.
 */

export const REDACTED = "[redacted]";

/** Patterns that carry a secret whatever its value: headers, form fields, JSON token fields. */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/(authorization\s*[:=]\s*)("?)(bearer\s+)?[^\s",;}]+/gi, `$1$2$3${REDACTED}`],
  [/\bbearer\s+[A-Za-z0-9\-._~+/]+=*/gi, `Bearer ${REDACTED}`],
  [/\b(password|refresh_token|access_token|client_secret)=[^&\s"']*/gi, `$1=${REDACTED}`],
  [/("(?:password|refresh_token|access_token|refreshToken|accessToken)"\s*:\s*)"[^"]*"/gi, `$1"${REDACTED}"`],
];

/**
 * Removes known secrets (exact values, e.g. the password and issued tokens) and anything that
 * looks like a credential (Bearer headers, `password=` form fields, token JSON fields).
 * Secrets shorter than 4 characters are still removed; empty ones are ignored.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  const values = [...secrets]
    .filter((s) => s.length > 0)
    // A secret can appear URL-encoded (form bodies) or JSON-escaped as well as verbatim.
    .flatMap((s) => [
      s,
      encodeURIComponent(s),
      new URLSearchParams({ s }).toString().slice(2),
      JSON.stringify(s).slice(1, -1),
    ])
    .sort((a, b) => b.length - a.length);
  for (const secret of values) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
