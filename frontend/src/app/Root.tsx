import { Outlet } from "react-router";
import { TitleAndFocus } from "./TitleAndFocus";

/** Around every page: the tab title and scroll position follow the route. */
export function Root() {
  return (
    <>
      <TitleAndFocus />
      <Outlet />
    </>
  );
}
