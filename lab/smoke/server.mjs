// A small static server for the lab's smoke test: the built files under
// /pkg/lab/, a test page at /, the site's stylesheet at /main.css, all with
// the site's Content-Security-Policy and the MIME types the site's server
// sends (PGlite's start hangs if .wasm is not application/wasm).

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

export const SITE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".sql": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".data": "application/octet-stream",
};

/**
 * Serves `buildDir` at /pkg/lab/ and the test page for `entry`. `routes`
 * maps other paths to files. Resolves to { url, close(), requests } once
 * listening on a free port of 127.0.0.1; `requests` lists the paths asked for.
 */
export function serve({ buildDir, entry, routes, csp = SITE_CSP }) {
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SQL lab smoke test</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/main.css">
<script src="/smoke-page.js"></script>
<script type="module" src="${entry}"></script>
</head>
<body><main><h1>SQL lab smoke test</h1><div id="editor"></div><button id="after">after</button></main></body>
</html>
`;
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    const headers = { "Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff" };
    try {
      let body;
      let file = path;
      if (path === "/favicon.ico") {
        // asked for by documents without <link rel="icon">, such as /main.css
        res.writeHead(204, headers);
        res.end();
        return;
      }
      if (path === "/") {
        body = page;
        file = "/index.html";
      } else if (routes[path]) {
        body = await readFile(routes[path]);
      } else if (path.startsWith("/pkg/lab/") && !path.slice(9).includes("/") && !path.slice(9).startsWith(".")) {
        body = await readFile(join(buildDir, normalize(path.slice(9))));
        // Hashed names: cacheable for good, as on the site
        headers["Cache-Control"] = "public, max-age=31536000, immutable";
      } else {
        throw Object.assign(new Error("not found"), { code: "ENOENT" });
      }
      headers["Content-Type"] = TYPES[extname(file)] ?? "application/octet-stream";
      headers["Cache-Control"] ??= "no-cache";
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === "ENOENT" ? 404 : 500, { ...headers, "Content-Type": "text/plain" });
      res.end(e.code === "ENOENT" ? "not found" : String(e));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
      });
    });
  });
}
