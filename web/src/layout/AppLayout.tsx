import { skipToken, useQuery } from "@apollo/client/react";
import { NavLink, Outlet } from "react-router";

import { useAuth } from "../auth/auth-context";
import { MODERATE_POSTS } from "../auth/permissions";
import { useSession } from "../auth/session-context";
import { graphql } from "../gql";
import { SessionBanner } from "./SessionBanner";

const AppLayoutQuery = graphql(`
  query AppLayoutQuery {
    viewer {
      permissions
      user {
        id
        displayName
      }
    }
  }
`);

/** Header with navigation and the account menu, the session banner and the page. */
export function AppLayout() {
  const { isAuthenticated, isLoading } = useAuth();
  const { signIn, signOut } = useSession();
  const { data } = useQuery(AppLayoutQuery, isAuthenticated ? {} : skipToken);
  const viewer = isAuthenticated ? data?.viewer : undefined;
  const isModerator = viewer?.permissions.includes(MODERATE_POSTS) ?? false;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <NavLink to="/" className="brand" end>
            Noticeboard
          </NavLink>
          <nav aria-label="Main" className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  Feed
                </NavLink>
              </li>
              {isAuthenticated ? (
                <li>
                  <NavLink to="/compose">Write</NavLink>
                </li>
              ) : null}
              {isModerator ? (
                <li>
                  <NavLink to="/moderation">Reported</NavLink>
                </li>
              ) : null}
              {isAuthenticated ? (
                <li>
                  <NavLink to="/profile">Profile</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="account">
            {isLoading ? null : isAuthenticated ? (
              <>
                {viewer ? (
                  <span className="account__name" data-testid="signed-in-as">
                    {viewer.user.displayName}
                  </span>
                ) : null}
                <button type="button" className="button button--secondary" onClick={() => void signOut()}>
                  Sign out
                </button>
              </>
            ) : (
              <button type="button" className="button" onClick={() => void signIn()}>
                Sign in
              </button>
            )}
          </div>
        </div>
      </header>
      <SessionBanner />
      <main id="main" className="app-main">
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>Noticeboard · a GraphQL API secured with Auth0</p>
      </footer>
    </div>
  );
}
