import { configureRequest, stackConfigFromVariables } from "../../provider/plugin/stack-config";

test("the engine's eset:config:<key> variables become the eset:<key> stack config keys", () => {
  const config = stackConfigFromVariables(
    new Map([
      ["eset:config:region", "eu"],
      ["eset:config:password", "p"],
      ["aws:config:region", "us-east-1"],
    ]),
  );
  expect(config).toEqual({ "eset:region": "eu", "eset:password": "p" });
  const req = configureRequest(config) as unknown as {
    config: { get(k: string): unknown; rawConfig: object };
  };
  expect(req.config.get("eset:region")).toBe("eu");
  expect(Object.keys(req.config.rawConfig)).toEqual(["eset:region", "eset:password"]);
});
