import type { Resolvers } from "../generated/resolvers-types.js";
import { DateTimeScalar } from "./date-time.js";
import { Mutation } from "./mutation.js";
import { Query } from "./query.js";
import { Report } from "./report.js";
import { Post, User, Viewer } from "./types.js";

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Post,
  User,
  Viewer,
  Report,
};
