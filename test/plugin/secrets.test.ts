import { secret, unwrapSecrets, wrapSecrets } from "../../provider/plugin/secrets";

test("secret inputs are made plain and named; outputs are wrapped again and lose undefined", () => {
  const { plain, secretKeys } = unwrapSecrets({ a: secret("x"), b: { c: secret(1) }, d: "y" });
  expect(plain).toEqual({ a: "x", b: { c: 1 }, d: "y" });
  expect(secretKeys).toEqual(["a", "b"]);
  expect(wrapSecrets({ a: "x", d: "y", e: undefined }, ["a", "missing"])).toEqual({ a: secret("x"), d: "y" });
});
