// Points Swagger UI at the platform's merged document (the core's API plus every started plugin's).
// A separate file rather than an inline script, so a Content-Security-Policy without 'unsafe-inline' still works.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout"
  });
};
