package dev.camrtc.sender.http;

import java.util.List;

/**
 * {@code GET /}: a small page showing the colour stream with an RGB / Stereo toggle and links to every
 * stream, the snapshot and the controls. Relative URLs (works behind a path prefix); a {@code ?token=} in
 * the page URL is passed on to the image URLs.
 */
final class IndexPage {

    private IndexPage() {
    }

    static String html(String senderName, List<String> streams) {
        StringBuilder links = new StringBuilder();
        for (String s : streams) {
            String e = escape(s);
            links.append("<li><a data-path=\"").append(e).append(".mjpg\" href=\"").append(e).append(".mjpg\">")
                    .append(e).append(".mjpg</a> &middot; <a data-path=\"jpg?stream=").append(e)
                    .append("\" href=\"jpg?stream=").append(e).append("\">snapshot</a></li>\n");
        }
        String name = escape(senderName);
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s &ndash; MJPEG</title>
                <style>
                 body{font-family:system-ui,sans-serif;margin:1rem;background:#111;color:#eee}
                 img{max-width:100%%;background:#000;display:block;margin:.5rem 0}
                 button{font-size:1rem;padding:.4rem 1rem;margin-right:.3rem}
                 button.on{background:#2a6;color:#fff}
                 a{color:#8cf}
                </style></head>
                <body>
                <h1>%s</h1>
                <div><button id="rgb" class="on">RGB</button><button id="stereo">Stereo</button></div>
                <img id="view" alt="camera stream" src="rgb.mjpg">
                <ul>
                %s<li><a data-path="set" href="set">controls</a> (<code>set?name=value</code>)</li>
                </ul>
                <script>
                 const token = new URLSearchParams(location.search).get('token');
                 const withToken = p => token ? p + (p.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : p;
                 const view = document.getElementById('view');
                 function show(which) {
                   view.src = withToken(which + '.mjpg');
                   for (const id of ['rgb', 'stereo']) document.getElementById(id).className = id === which ? 'on' : '';
                 }
                 document.getElementById('rgb').onclick = () => show('rgb');
                 document.getElementById('stereo').onclick = () => show('stereo');
                 for (const a of document.querySelectorAll('a[data-path]')) a.href = withToken(a.dataset.path);
                 show('rgb');
                </script>
                </body></html>
                """.formatted(name, name, links);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
