import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router";

import { ApolloSessionProvider } from "./apollo/ApolloSessionProvider";
import { AuthProvider } from "./auth/AuthProvider";
import type { RuntimeConfig } from "./config/runtime-config";
import { Feed } from "./feed/Feed";
import { AppLayout } from "./layout/AppLayout";
import { NotFound } from "./layout/NotFound";
import { PostDetail } from "./posts/PostDetail";
import { LoadingState } from "./ui/LoadingState";

// Screens for signed-in users load on demand; they share the Auth0 SDK chunk
// because they use withAuthenticationRequired.
const Compose = lazy(() => import("./compose/Compose").then((module) => ({ default: module.Compose })));
const EditPost = lazy(() => import("./posts/EditPost").then((module) => ({ default: module.EditPost })));
const Moderation = lazy(() => import("./moderation/Moderation").then((module) => ({ default: module.Moderation })));
const Profile = lazy(() => import("./profile/Profile").then((module) => ({ default: module.Profile })));

export function App({ config }: { config: RuntimeConfig }) {
  return (
    <BrowserRouter>
      <AuthProvider settings={config.auth0}>
        <ApolloSessionProvider apiUrl={config.apiUrl}>
          <Routes>
            <Route element={<AppLayout />}>
              <Route index element={<Feed />} />
              <Route path="posts/:id" element={<PostDetail />} />
              <Route path="posts/:id/edit" element={<OnDemand screen={<EditPost />} />} />
              <Route path="compose" element={<OnDemand screen={<Compose />} />} />
              <Route path="moderation" element={<OnDemand screen={<Moderation />} />} />
              <Route path="profile" element={<OnDemand screen={<Profile />} />} />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </ApolloSessionProvider>
      </AuthProvider>
    </BrowserRouter>
  );
}

function OnDemand({ screen }: { screen: ReactNode }) {
  return <Suspense fallback={<LoadingState label="Loading…" />}>{screen}</Suspense>;
}
