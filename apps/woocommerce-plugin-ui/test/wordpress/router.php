<?php
/**
 * Router for `php -S` in the WordPress test: serves wp-content from the test's own folder, and runs
 * Debian's WordPress with the test's config (/etc/wordpress/config-<WORDPRESS_CONFIG>.php).
 */
$docroot = '/usr/share/wordpress';
$content = getenv( 'PC_WP_CONTENT' );
$path    = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );

if ( 0 === strpos( $path, '/wp-content/' ) ) {
	$file = realpath( $content . substr( $path, strlen( '/wp-content' ) ) );
	if ( false === $file || 0 !== strpos( $file, realpath( $content ) ) && 0 !== strpos( $file, '/usr/share/wordpress' ) || ! is_file( $file ) ) {
		http_response_code( 404 );
		return true;
	}
	$types = array( 'js' => 'text/javascript', 'css' => 'text/css', 'png' => 'image/png', 'svg' => 'image/svg+xml' );
	$ext   = pathinfo( $file, PATHINFO_EXTENSION );
	header( 'Content-Type: ' . ( $types[ $ext ] ?? 'application/octet-stream' ) );
	readfile( $file );
	return true;
}

$_SERVER['WORDPRESS_CONFIG'] = getenv( 'PC_WP_CONFIG' );
$target                      = $docroot . $path;
if ( is_dir( $target ) ) {
	$target = rtrim( $target, '/' ) . '/index.php';
	$path   = rtrim( $path, '/' ) . '/index.php';
}
if ( '.php' !== substr( $target, -4 ) ) {
	return false; // Static files under the docroot: the built-in server sends them.
}
if ( ! is_file( $target ) ) {
	$target = $docroot . '/index.php';
	$path   = '/index.php';
}
$_SERVER['SCRIPT_NAME']     = $path;
$_SERVER['PHP_SELF']        = $path;
$_SERVER['SCRIPT_FILENAME'] = $target;
chdir( dirname( $target ) );
require $target;
