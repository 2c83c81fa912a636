<?php
/**
 * Uninstall: remove our webhooks and options. Order meta written by the connector (_prima_*) stays on
 * the orders on purpose: it is the record of which Prima order each WooCommerce order became.
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-settings.php';
require_once __DIR__ . '/includes/class-connector-client.php';
require_once __DIR__ . '/includes/class-webhooks.php';

function prima_connect_uninstall(): void {
	$settings = new Prima_Connect_Settings();
	if ( class_exists( 'WC_Webhook' ) ) {
		( new Prima_Connect_Webhooks( $settings, new Prima_Connect_Connector_Client( $settings ) ) )->remove_all();
	}
	$settings->delete();
}

prima_connect_uninstall();
