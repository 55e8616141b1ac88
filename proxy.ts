// Sends signed-out visitors of private pages to /login. A convenience only: every page and
// API route checks the session itself on the server.
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/tasks/:path*", "/courses/:path*", "/submissions/:path*", "/instructor/:path*", "/profile"] };
