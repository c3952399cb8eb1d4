// Secrets in the state file are encrypted, as the Pulumi CLI does with its passphrase secrets
// provider: the key comes from PULUMI_CONFIG_PASSPHRASE and a salt kept in the state file.
// https://www.pulumi.com/docs/iac/concepts/secrets/
// The scheme (scrypt key, AES-256-GCM) is the harness's own; state files are not meant to be
// read by the Pulumi CLI. With no passphrase set, the empty passphrase is used: the values are then
// only kept out of plain sight, not protected.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "crypto";

export interface SecretsProviderState {
  type: "passphrase";
  /** base64 scrypt salt. */
  salt: string;
  /** A known text encrypted with the key, so a wrong passphrase is reported instead of garbage. */
  check: string;
}

const CHECK_TEXT = "pulumi-eset-connect engine harness";

export class SecretsCipher {
  private constructor(
    private readonly key: Buffer,
    readonly state: SecretsProviderState,
  ) {}

  /** A new cipher with a fresh salt. */
  static create(passphrase: string): SecretsCipher {
    const salt = randomBytes(16);
    const key = scryptSync(passphrase, salt, 32);
    const partial = new SecretsCipher(key, { type: "passphrase", salt: salt.toString("base64"), check: "" });
    return new SecretsCipher(key, { ...partial.state, check: partial.encrypt(CHECK_TEXT) });
  }

  /** The cipher a state file was written with; throws if the passphrase does not match. */
  static open(state: SecretsProviderState, passphrase: string, stateFile: string): SecretsCipher {
    const key = scryptSync(passphrase, Buffer.from(state.salt, "base64"), 32);
    const cipher = new SecretsCipher(key, state);
    let ok = false;
    try {
      ok = cipher.decrypt(state.check) === CHECK_TEXT;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new Error(
        `state file ${stateFile} was written with a different PULUMI_CONFIG_PASSPHRASE: ` +
          "set the passphrase used when the stack was created",
      );
    }
    return cipher;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([c.update(plaintext, "utf8"), c.final()]);
    return `v1:${iv.toString("base64")}:${Buffer.concat([c.getAuthTag(), data]).toString("base64")}`;
  }

  decrypt(ciphertext: string): string {
    const [version, ivText, body] = ciphertext.split(":");
    if (version !== "v1" || !ivText || !body) throw new Error("unrecognised ciphertext");
    const raw = Buffer.from(body, "base64");
    const d = createDecipheriv("aes-256-gcm", this.key, Buffer.from(ivText, "base64"));
    d.setAuthTag(raw.subarray(0, 16));
    return Buffer.concat([d.update(raw.subarray(16)), d.final()]).toString("utf8");
  }
}
