import { useEffect } from "react";
import { Outlet, useLocation, useNavigate } from "react-router-dom";
import { ChatRuntime } from "../chat/ChatRuntime";
import { Rail } from "./Rail";
import { focusChatSearch } from "./chatSearch";
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

  // Ctrl+K / Cmd+K: jump to the chat search from anywhere.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        focusChatSearch();
        // Read the path at key time: the listener may predate the last navigation.
        if (window.location.pathname !== "/") void navigate("/");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
    };
  }, [navigate]);

  return (
    <div className="shell" data-testid="app-shell" data-view={view}>
      <ChatRuntime />
      <Rail />
      <div className="shell__body">
        <Outlet />
      </div>
    </div>
  );
}
