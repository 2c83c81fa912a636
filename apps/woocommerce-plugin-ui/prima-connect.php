<?php
/**
 * Plugin Name:       Prima Connect for WooCommerce
 * Description:       Sends paid WooCommerce orders to the Prima ERP, keeps stock in step and shows the Prima status on every order.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * Author:            Prima Connect
 * License:           GPL-2.0-or-later
 * Text Domain:       prima-connect
 * Domain Path:       /languages
 * WC requires at least: 8.0
 * WC tested up to:   9.4
 * Requires Plugins:  woocommerce
 */

defined( 'ABSPATH' ) || exit;

define( 'PRIMA_CONNECT_VERSION', '0.1.0' );
define( 'PRIMA_CONNECT_FILE', __FILE__ );
define( 'PRIMA_CONNECT_DIR', __DIR__ );

require_once __DIR__ . '/includes/class-settings.php';
require_once __DIR__ . '/includes/class-connector-client.php';
require_once __DIR__ . '/includes/class-rest-controller.php';
require_once __DIR__ . '/includes/class-webhooks.php';
require_once __DIR__ . '/includes/class-order-meta-box.php';
require_once __DIR__ . '/includes/class-admin.php';
require_once __DIR__ . '/includes/class-plugin.php';

// HPOS: this plugin reads and writes orders only through the order CRUD API.
add_action(
	'before_woocommerce_init',
	static function () {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', PRIMA_CONNECT_FILE, true );
		}
	}
);

add_action( 'plugins_loaded', array( 'Prima_Connect_Plugin', 'boot' ) );
