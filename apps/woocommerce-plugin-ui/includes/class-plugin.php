<?php
/**
 * Wires the plugin's parts into WordPress once every plugin is loaded, so WooCommerce's presence can be checked.
 */

defined( 'ABSPATH' ) || exit;

final class Prima_Connect_Plugin {

	/** True when WooCommerce is active: everything but the notice needs it. */
	public static function woocommerce_active(): bool {
		return class_exists( 'WooCommerce' ) && function_exists( 'wc_get_order' );
	}

	public static function boot(): void {
		if ( ! self::woocommerce_active() ) {
			add_action( 'admin_notices', array( 'Prima_Connect_Admin', 'missing_woocommerce_notice' ) );
			return;
		}
		$settings = new Prima_Connect_Settings();
		$client   = new Prima_Connect_Connector_Client( $settings );
		$webhooks = new Prima_Connect_Webhooks( $settings, $client );
		( new Prima_Connect_Rest_Controller( $settings, $client, $webhooks ) )->hooks();
		( new Prima_Connect_Admin( $settings ) )->hooks();
		( new Prima_Connect_Order_Meta_Box() )->hooks();
	}
}
