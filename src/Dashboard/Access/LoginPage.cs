using System.Net;

namespace SignupEmail.Dashboard.Access;

/// <summary>The login form: small enough to live here rather than in the client files.</summary>
internal static class LoginPage
{
    public static IResult Result(string? error, int statusCode) =>
        Results.Content(Html(error), "text/html; charset=utf-8", statusCode: statusCode);

    private static string Html(string? error) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>SignupEmail dashboard — log in</title>
          <style>
            body { font-family: system-ui, sans-serif; display: grid; place-items: center; min-height: 90vh; background: #f4f5f7; }
            form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; display: grid; gap: .75rem; min-width: 20rem; }
            #login-error { color: #b00020; margin: 0; }
          </style>
        </head>
        <body>
          <form id="login" method="post" action="/login">
            <h1>SignupEmail dashboard</h1>
            <label for="key">Admin key (the launcher prints it as ADMIN_KEY)</label>
            <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
            {{(error is null ? string.Empty : $"<p id=\"login-error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}}
            <button id="login-submit" type="submit">Log in</button>
          </form>
        </body>
        </html>
        """;
}
