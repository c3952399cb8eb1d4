/** What a PolicyAnchor records (its inputs after `check`, and its outputs): the policy as ESET lists it. */
export interface PolicyAnchorState {
  uuid: string;
  displayName: string;
  /** "" when the policy has none. */
  description: string;
  /** Built-in policies (shipped by ESET) cannot be created, modified or deleted. */
  builtIn: boolean;
}

/** The fields `check` fills in from the live policy; `uuid` alone decides a replacement. */
export const POLICY_ANCHOR_FIELDS = ["uuid", "displayName", "description", "builtIn"] as const;
