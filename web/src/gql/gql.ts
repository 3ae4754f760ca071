/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ComposeCreatePostMutation($input: CreatePostInput!) {\n    createPost(input: $input) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      viewerCanEdit\n      author {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ComposeCreatePostMutationDocument,
    "\n  query FeedQuery($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...PostCard_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.FeedQueryDocument,
    "\n  query AppLayoutQuery {\n    viewer {\n      permissions\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.AppLayoutQueryDocument,
    "\n  mutation DismissReportsButtonMutation($id: ID!) {\n    dismissReports(id: $id) {\n      id\n      reportCount\n    }\n  }\n": typeof types.DismissReportsButtonMutationDocument,
    "\n  query ModerationQuery {\n    viewer {\n      permissions\n    }\n  }\n": typeof types.ModerationQueryDocument,
    "\n  fragment ReportedPostItem_post on Post {\n    id\n    title\n    body\n    createdAt\n    reportCount\n    author {\n      id\n      displayName\n    }\n    reports {\n      id\n      reason\n      createdAt\n      reporter {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ReportedPostItem_PostFragmentDoc,
    "\n  query ReportedPostListQuery($first: Int!, $after: String) {\n    reportedPosts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...ReportedPostItem_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ReportedPostListQueryDocument,
    "\n  mutation DeletePostButtonMutation($id: ID!) {\n    deletePost(id: $id)\n  }\n": typeof types.DeletePostButtonMutationDocument,
    "\n  query EditPostQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      viewerCanEdit\n    }\n  }\n": typeof types.EditPostQueryDocument,
    "\n  mutation EditPostUpdateMutation($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      id\n      title\n      body\n      updatedAt\n      viewerCanEdit\n    }\n  }\n": typeof types.EditPostUpdateMutationDocument,
    "\n  fragment PostActions_post on Post {\n    id\n    title\n    viewerCanEdit\n    viewerHasReported\n  }\n": typeof types.PostActions_PostFragmentDoc,
    "\n  fragment PostCard_post on Post {\n    id\n    title\n    body\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n": typeof types.PostCard_PostFragmentDoc,
    "\n  query PostDetailQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      author {\n        id\n        displayName\n      }\n      ...PostActions_post\n    }\n  }\n": typeof types.PostDetailQueryDocument,
    "\n  mutation ReportPostFormMutation($id: ID!, $reason: String!) {\n    reportPost(id: $id, reason: $reason) {\n      id\n      reason\n      createdAt\n    }\n  }\n": typeof types.ReportPostFormMutationDocument,
    "\n  fragment DisplayNameForm_user on User {\n    id\n    displayName\n  }\n": typeof types.DisplayNameForm_UserFragmentDoc,
    "\n  mutation DisplayNameFormMutation($displayName: String) {\n    setDisplayName(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n": typeof types.DisplayNameFormMutationDocument,
    "\n  query ProfileQuery {\n    viewer {\n      permissions\n      user {\n        id\n        ...DisplayNameForm_user\n        posts(first: 5) {\n          edges {\n            node {\n              id\n              ...PostCard_post\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProfileQueryDocument,
};
const documents: Documents = {
    "\n  mutation ComposeCreatePostMutation($input: CreatePostInput!) {\n    createPost(input: $input) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      viewerCanEdit\n      author {\n        id\n        displayName\n      }\n    }\n  }\n": types.ComposeCreatePostMutationDocument,
    "\n  query FeedQuery($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...PostCard_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.FeedQueryDocument,
    "\n  query AppLayoutQuery {\n    viewer {\n      permissions\n      user {\n        id\n        displayName\n      }\n    }\n  }\n": types.AppLayoutQueryDocument,
    "\n  mutation DismissReportsButtonMutation($id: ID!) {\n    dismissReports(id: $id) {\n      id\n      reportCount\n    }\n  }\n": types.DismissReportsButtonMutationDocument,
    "\n  query ModerationQuery {\n    viewer {\n      permissions\n    }\n  }\n": types.ModerationQueryDocument,
    "\n  fragment ReportedPostItem_post on Post {\n    id\n    title\n    body\n    createdAt\n    reportCount\n    author {\n      id\n      displayName\n    }\n    reports {\n      id\n      reason\n      createdAt\n      reporter {\n        id\n        displayName\n      }\n    }\n  }\n": types.ReportedPostItem_PostFragmentDoc,
    "\n  query ReportedPostListQuery($first: Int!, $after: String) {\n    reportedPosts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...ReportedPostItem_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ReportedPostListQueryDocument,
    "\n  mutation DeletePostButtonMutation($id: ID!) {\n    deletePost(id: $id)\n  }\n": types.DeletePostButtonMutationDocument,
    "\n  query EditPostQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      viewerCanEdit\n    }\n  }\n": types.EditPostQueryDocument,
    "\n  mutation EditPostUpdateMutation($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      id\n      title\n      body\n      updatedAt\n      viewerCanEdit\n    }\n  }\n": types.EditPostUpdateMutationDocument,
    "\n  fragment PostActions_post on Post {\n    id\n    title\n    viewerCanEdit\n    viewerHasReported\n  }\n": types.PostActions_PostFragmentDoc,
    "\n  fragment PostCard_post on Post {\n    id\n    title\n    body\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n": types.PostCard_PostFragmentDoc,
    "\n  query PostDetailQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      author {\n        id\n        displayName\n      }\n      ...PostActions_post\n    }\n  }\n": types.PostDetailQueryDocument,
    "\n  mutation ReportPostFormMutation($id: ID!, $reason: String!) {\n    reportPost(id: $id, reason: $reason) {\n      id\n      reason\n      createdAt\n    }\n  }\n": types.ReportPostFormMutationDocument,
    "\n  fragment DisplayNameForm_user on User {\n    id\n    displayName\n  }\n": types.DisplayNameForm_UserFragmentDoc,
    "\n  mutation DisplayNameFormMutation($displayName: String) {\n    setDisplayName(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n": types.DisplayNameFormMutationDocument,
    "\n  query ProfileQuery {\n    viewer {\n      permissions\n      user {\n        id\n        ...DisplayNameForm_user\n        posts(first: 5) {\n          edges {\n            node {\n              id\n              ...PostCard_post\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ProfileQueryDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ComposeCreatePostMutation($input: CreatePostInput!) {\n    createPost(input: $input) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      viewerCanEdit\n      author {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ComposeCreatePostMutation($input: CreatePostInput!) {\n    createPost(input: $input) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      viewerCanEdit\n      author {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FeedQuery($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...PostCard_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query FeedQuery($first: Int!, $after: String) {\n    posts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...PostCard_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppLayoutQuery {\n    viewer {\n      permissions\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppLayoutQuery {\n    viewer {\n      permissions\n      user {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissReportsButtonMutation($id: ID!) {\n    dismissReports(id: $id) {\n      id\n      reportCount\n    }\n  }\n"): (typeof documents)["\n  mutation DismissReportsButtonMutation($id: ID!) {\n    dismissReports(id: $id) {\n      id\n      reportCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationQuery {\n    viewer {\n      permissions\n    }\n  }\n"): (typeof documents)["\n  query ModerationQuery {\n    viewer {\n      permissions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReportedPostItem_post on Post {\n    id\n    title\n    body\n    createdAt\n    reportCount\n    author {\n      id\n      displayName\n    }\n    reports {\n      id\n      reason\n      createdAt\n      reporter {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ReportedPostItem_post on Post {\n    id\n    title\n    body\n    createdAt\n    reportCount\n    author {\n      id\n      displayName\n    }\n    reports {\n      id\n      reason\n      createdAt\n      reporter {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportedPostListQuery($first: Int!, $after: String) {\n    reportedPosts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...ReportedPostItem_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReportedPostListQuery($first: Int!, $after: String) {\n    reportedPosts(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          ...ReportedPostItem_post\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePostButtonMutation($id: ID!) {\n    deletePost(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeletePostButtonMutation($id: ID!) {\n    deletePost(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EditPostQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      viewerCanEdit\n    }\n  }\n"): (typeof documents)["\n  query EditPostQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      viewerCanEdit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditPostUpdateMutation($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      id\n      title\n      body\n      updatedAt\n      viewerCanEdit\n    }\n  }\n"): (typeof documents)["\n  mutation EditPostUpdateMutation($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      id\n      title\n      body\n      updatedAt\n      viewerCanEdit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostActions_post on Post {\n    id\n    title\n    viewerCanEdit\n    viewerHasReported\n  }\n"): (typeof documents)["\n  fragment PostActions_post on Post {\n    id\n    title\n    viewerCanEdit\n    viewerHasReported\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostCard_post on Post {\n    id\n    title\n    body\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment PostCard_post on Post {\n    id\n    title\n    body\n    createdAt\n    author {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostDetailQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      author {\n        id\n        displayName\n      }\n      ...PostActions_post\n    }\n  }\n"): (typeof documents)["\n  query PostDetailQuery($id: ID!) {\n    post(id: $id) {\n      id\n      title\n      body\n      createdAt\n      updatedAt\n      author {\n        id\n        displayName\n      }\n      ...PostActions_post\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportPostFormMutation($id: ID!, $reason: String!) {\n    reportPost(id: $id, reason: $reason) {\n      id\n      reason\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation ReportPostFormMutation($id: ID!, $reason: String!) {\n    reportPost(id: $id, reason: $reason) {\n      id\n      reason\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DisplayNameForm_user on User {\n    id\n    displayName\n  }\n"): (typeof documents)["\n  fragment DisplayNameForm_user on User {\n    id\n    displayName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisplayNameFormMutation($displayName: String) {\n    setDisplayName(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation DisplayNameFormMutation($displayName: String) {\n    setDisplayName(displayName: $displayName) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfileQuery {\n    viewer {\n      permissions\n      user {\n        id\n        ...DisplayNameForm_user\n        posts(first: 5) {\n          edges {\n            node {\n              id\n              ...PostCard_post\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProfileQuery {\n    viewer {\n      permissions\n      user {\n        id\n        ...DisplayNameForm_user\n        posts(first: 5) {\n          edges {\n            node {\n              id\n              ...PostCard_post\n            }\n          }\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;