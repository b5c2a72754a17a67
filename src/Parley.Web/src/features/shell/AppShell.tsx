import { useEffect } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { ChatRuntime } from "../chat/ChatRuntime";
import { Rail } from "./Rail";
import { SearchOverlay } from "../search/SearchOverlay";
import { isTyping, openSearch, pageSearchContext } from "../search/searchStore";
import { focusChatSearch, SEARCH_INPUT_ID } from "./chatSearch";
import "./shell.css";

export function AppShell() {
  const location = useLocation();
  const navigate = useNavigate();
  const path = location.pathname;
  const view = path.startsWith("/settings")
    ? "settings"
    : path.startsWith("/help")
      ? "help"
      : path.startsWith("/chats/")
        ? "chat"
        : path.startsWith("/friends")
          ? "friends"
          : /^\/servers\/[^/]+\/settings/.test(path)
            ? "server-settings"
            : /^\/servers\/[^/]+\/?$/.test(path)
              ? "servers"
              : path.startsWith("/servers/")
                ? "server"
                : "home";

  // Ctrl+K / Cmd+K, or "/" outside a text field: search. In a server (or a chat without the chat list beside it)
  // the search panel opens over the page; elsewhere the chat list's search box takes the focus.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k";
      const slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target);
      if (!ctrlK && !slash) return;
      e.preventDefault();
      const context = pageSearchContext();
      const sidebarSearch = document.getElementById(SEARCH_INPUT_ID);
      if (context && (context.serverId || !sidebarSearch)) {
        openSearch(context);
        return;
      }
      focusChatSearch();
      // Read the path at key time: the listener may predate the last navigation.
      if (!sidebarSearch && window.location.pathname !== "/") void navigate("/");
    }
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  }, [navigate]);

  return (
    <div className="shell" data-testid="app-shell" data-view={view}>
      <ChatRuntime />
      <SearchOverlay />
      <Rail />
      <div className="shell__body">
        <Outlet />
      </div>
    </div>
  );
}
