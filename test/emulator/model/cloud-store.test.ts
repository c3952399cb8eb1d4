import { outcome, twoTenants } from "./fixtures";

describe("users", () => {
  test.each([
    ["demo@example.com", "demo-password", "demo"],
    ["api@acme.test", "acme-pass", "acme"],
  ])("%s signs in to tenant %s", (username, password, tenant) => {
    expect(twoTenants().authenticate(username, password).tenant).toBe(tenant);
  });

  test.each([
    ["demo@example.com", "wrong"],
    ["nobody@example.com", "demo-password"],
  ])("%s / %s is refused with one message for both cases", (username, password) => {
    expect(outcome(() => twoTenants().authenticate(username, password))).toBe(
      "bad-credentials: invalid username or password",
    );
  });

  test("state lists users without passwords", () => {
    const state = twoTenants().state();
    expect(state.users).toEqual([
      { username: "demo@example.com", tenant: "demo" },
      { username: "api@acme.test", tenant: "acme" },
    ]);
    expect(JSON.stringify(state)).not.toMatch(/password|acme-pass/);
  });
});
