/**
 * What a GroupAnchor records (its inputs after `check`, and its outputs): the live group as ESET
 * lists it. The shape and the resolver that fills it live with the anchor resolver, which the
 * hierarchy's plan shares.
 */
export { ANCHOR_FIELDS, resolveAnchor } from "../../dynamic/group-anchor-resolve";
export type { AnchorState } from "../../dynamic/group-anchor-resolve";
