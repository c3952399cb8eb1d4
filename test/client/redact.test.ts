import { redact } from "../../provider/client/redact";

describe("redact", () => {
  const secrets = ["p@ss w0rd&x", "tok-abc.DEF_123"];
  const cases: Array<[string, string, string]> = [
    ["a known password", "login failed for p@ss w0rd&x", "login failed for [redacted]"],
    ["a URL-encoded password", "body grant_type=x&pw=p%40ss%20w0rd%26x", "body grant_type=x&pw=[redacted]"],
    ["a form-encoded password", "pw=p%40ss+w0rd%26x;", "pw=[redacted];"],
    ["a known token", "token tok-abc.DEF_123 expired", "token [redacted] expired"],
    ["a Bearer header", "Authorization: Bearer eyJhbGciOi.x.y", "Authorization: Bearer [redacted]"],
    ["a bare Bearer value", 'headers {"x":"Bearer abc123=="}', 'headers {"x":"Bearer [redacted]"}'],
    [
      "a password form field",
      "grant_type=password&username=u&password=zzz",
      "grant_type=password&username=u&password=[redacted]",
    ],
    ["a refresh_token form field", "refresh_token=r1r2r3&x=1", "refresh_token=[redacted]&x=1"],
    [
      "token JSON fields",
      '{"access_token":"aaa","refresh_token":"bbb"}',
      '{"access_token":"[redacted]","refresh_token":"[redacted]"}',
    ],
    ["harmless text", "timeout of 60000ms exceeded", "timeout of 60000ms exceeded"],
  ];
  it.each(cases)("removes %s", (_name, input, expected) => {
    expect(redact(input, secrets)).toBe(expected);
  });

  it("ignores empty secrets", () => {
    expect(redact("abc", [""])).toBe("abc");
  });
});
