package io.ecrhub.app.ca;

/** The plain install page: what the CA is, both fingerprints, the steps from QFPay's guide. */
final class CaPage {
  private CaPage() {}

  static String render(QfpayCaFile ca) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>QFPay ECR CA</title>
        <style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}
        code{font-size:.95em;word-break:break-all}</style></head>
        <body>
        <h1>QFPay ECR certificate authority</h1>
        <p>Terminals running the Haojin app with ECR over HTTPS (4.34.12 or newer) present a
        certificate issued by this CA (<code>%s</code>). Devices that call terminals directly must
        trust it. The hub itself already does; nothing needs installing on the hub.</p>
        <p>Download: <a href="/ca/qfpay-ca3.crt">qfpay-ca3.crt</a> (PEM) or
        <a href="/ca/qfpay-ca3.der">qfpay-ca3.der</a> (DER).</p>
        <h2>Check the fingerprints before installing</h2>
        <p>SHA-256: <code id="sha256">%s</code></p>
        <p>SHA-1: <code id="sha1">%s</code></p>
        <p>They must equal the values QFPay publishes in its ECR HTTPS guide. Do not install a file
        whose fingerprints differ.</p>
        <h2>Android (cashier tablet)</h2>
        <ol>
        <li>Download <code>qfpay-ca3.crt</code> to the device.</li>
        <li>Open Settings &gt; Security (or Security &amp; privacy) &gt; Encryption &amp;
        credentials &gt; Install a certificate &gt; CA certificate.</li>
        <li>Confirm the warning, pick the downloaded file, and check under Trusted credentials &gt;
        User that <em>QFECR</em> is listed; its details show the fingerprints above.</li>
        </ol>
        <h2>Windows (cashier PC)</h2>
        <ol>
        <li>Download <code>qfpay-ca3.crt</code> and double-click it; on the Details tab check the
        thumbprint (SHA-1) against the value above.</li>
        <li>Install Certificate &gt; Local Machine &gt; Place all certificates in the following
        store &gt; Trusted Root Certification Authorities &gt; Finish.</li>
        <li>Or run <code>certmgr.msc</code> (Certificates console), open Trusted Root
        Certification Authorities &gt; Certificates, and import the file there.</li>
        <li>Restart the browser or the cashier application.</li>
        </ol>
        <h2>Then, for each terminal</h2>
        <ul>
        <li>MMS: Settings &gt; Device Setting &gt; POS Key List: <em>Enable Https</em> is on.</li>
        <li>Restart or re-login the Haojin app; its ECR status page shows HTTPS enabled and a
        certificate generated.</li>
        <li>Give the terminal a fixed IP (a DHCP reservation bound to its MAC): the certificate names
        the IP.</li>
        </ul>
        </body></html>
        """
        .formatted(escape(ca.subject()), ca.sha256().colonSeparated(), ca.sha1().colonSeparated());
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
