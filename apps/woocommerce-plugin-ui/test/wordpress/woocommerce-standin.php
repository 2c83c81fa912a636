<?php
/**
 * Plugin Name: WooCommerce stand-in (Prima Connect test only)
 * Description: NOT WooCommerce. WooCommerce cannot be downloaded on the test machines, so this must-use
 * plugin provides only what Prima Connect's bootstrap checks and hooks into: the WooCommerce class,
 * wc_get_order(), the order screen id, the top-level "WooCommerce" menu and the manage_woocommerce
 * capability for administrators. Orders, webhooks and HPOS are not emulated here.
 */

defined( 'ABSPATH' ) || exit;

if ( ! class_exists( 'WooCommerce' ) ) {
	class WooCommerce {}
}
if ( ! function_exists( 'wc_get_order' ) ) {
	function wc_get_order( $id ) {
		return false;
	}
}
if ( ! function_exists( 'wc_get_page_screen_id' ) ) {
	function wc_get_page_screen_id( $for ) {
		return 'shop_order';
	}
}

add_filter(
	'user_has_cap',
	static function ( $allcaps ) {
		if ( ! empty( $allcaps['manage_options'] ) ) {
			$allcaps['manage_woocommerce'] = true;
		}
		return $allcaps;
	}
);

add_action(
	'admin_menu',
	static function () {
		add_menu_page( 'WooCommerce', 'WooCommerce', 'manage_woocommerce', 'woocommerce', '__return_null', 'dashicons-cart', 55 );
	},
	5
);
