import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

/**
 * An API user. Only a salted hash of the password is kept, so neither `GET /_emulator/state` nor
 * the `--state` file ever holds a password.
 */
export interface UserRecord {
  username: string;
  tenant: string;
  salt: string;
  passwordHash: string;
}

// A low scrypt cost: this protects test passwords at rest, not production secrets, and resets
// must stay fast.
const SCRYPT = { N: 1024, r: 8, p: 1 };

function hash(password: string, salt: string): string {
  return scryptSync(password, salt, 32, SCRYPT).toString("hex");
}

export function newUser(username: string, tenant: string, password: string): UserRecord {
  const salt = randomBytes(16).toString("hex");
  return { username, tenant, salt, passwordHash: hash(password, salt) };
}

export function passwordMatches(user: UserRecord, password: string): boolean {
  return timingSafeEqual(
    Buffer.from(hash(password, user.salt), "hex"),
    Buffer.from(user.passwordHash, "hex"),
  );
}
