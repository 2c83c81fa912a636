<?php
/**
 * CLI: installs WordPress into the test database, activates Prima Connect, and points it at a connector.
 * Prints one JSON line: {"activated": true} or the activation error.
 */
$_SERVER['HTTP_HOST']        = getenv( 'PC_WP_HOST' );
$_SERVER['WORDPRESS_CONFIG'] = getenv( 'PC_WP_CONFIG' );
$_SERVER['REQUEST_URI']      = '/';
define( 'WP_INSTALLING', true );
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

wp_install( 'Demo shop', 'admin', 'admin@example.test', false, '', 'admin-password-for-tests' );
$result = activate_plugin( 'prima-connect/prima-connect.php' );
update_option(
	'prima_connect_settings',
	array( 'connector_url' => getenv( 'PC_CONNECTOR_URL' ), 'api_key' => getenv( 'PC_API_KEY' ), 'webhook_ids' => array() ),
	false
);
echo wp_json_encode(
	array(
		'activated' => ! is_wp_error( $result ) && is_plugin_active( 'prima-connect/prima-connect.php' ),
		'error'     => is_wp_error( $result ) ? $result->get_error_message() : null,
	)
), "\n";
