/** A static page shaped like wp-admin (admin bar, menu, content area) that hosts the preview bundle. */
export function adminShell(opts: { title: string; body: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${opts.title} ‹ Demo shop — WordPress</title>
<link rel="stylesheet" href="/css/components.css"><link rel="stylesheet" href="/css/dataviews.css"><link rel="stylesheet" href="/preview.css">
<style>
  body { margin: 0; background: #f0f0f1; color: #3c434a; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen-Sans, Ubuntu, Cantarell, "Helvetica Neue", sans-serif; font-size: 13px; }
  #wpadminbar { position: fixed; top: 0; left: 0; right: 0; height: 32px; background: #1d2327; color: #f0f0f1; line-height: 32px; padding: 0 12px; z-index: 10; }
  #adminmenu { position: fixed; top: 32px; bottom: 0; left: 0; width: 160px; background: #1d2327; margin: 0; padding: 12px 0; list-style: none; }
  #adminmenu li { color: #f0f0f1; padding: 7px 12px; }
  #adminmenu li.current { background: #2271b1; }
  #adminmenu li.sub { padding-left: 24px; font-size: 12px; color: #c3c4c7; background: #2c3338; }
  #adminmenu li.sub.current { color: #fff; font-weight: 600; background: #2c3338; }
  #wpcontent { margin-left: 160px; padding: 52px 20px 20px; }
  .wrap h1 { font-size: 23px; font-weight: 400; margin: 0 0 12px; }
  .postbox { background: #fff; border: 1px solid #c3c4c7; width: 280px; }
  .postbox h2 { font-size: 14px; margin: 0; padding: 8px 12px; border-bottom: 1px solid #c3c4c7; }
  .postbox .inside { padding: 0 12px 12px; }
</style></head>
<body class="wp-admin woocommerce-page">
<div id="wpadminbar">Demo shop</div>
<ul id="adminmenu"><li>Dashboard</li><li>Posts</li><li>Media</li><li class="current">WooCommerce</li>
<li class="sub">Home</li><li class="sub">Orders</li><li class="sub">Customers</li><li class="sub">Settings</li><li class="sub current">Prima Connect</li>
<li>Products</li><li>Analytics</li><li>Settings</li></ul>
<div id="wpcontent">${opts.body}</div>
<script src="/preview.js"></script>
</body></html>`;
}
