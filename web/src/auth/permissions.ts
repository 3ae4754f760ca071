/** Permission that unlocks the reported-posts view and editing any post. */
export const MODERATE_POSTS = "moderate:posts";
