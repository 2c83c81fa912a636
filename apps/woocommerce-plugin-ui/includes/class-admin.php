<?php
/**
 * The "Prima Connect" page under WooCommerce, the script enqueue (dependencies and version from the
 * generated build/index.asset.php) and the notice shown when WooCommerce is missing.
 */

defined( 'ABSPATH' ) || exit;

final class Prima_Connect_Admin {

	const PAGE_SLUG  = 'prima-connect';
	const SCRIPT     = 'prima-connect-admin';
	const PAGE_HOOK  = 'woocommerce_page_prima-connect';

	/** @var Prima_Connect_Settings */
	private $settings;
	/** @var string */
	private $asset_file;

	public function __construct( Prima_Connect_Settings $settings, ?string $asset_file = null ) {
		$this->settings   = $settings;
		$this->asset_file = $asset_file ?? PRIMA_CONNECT_DIR . '/build/index.asset.php';
	}

	public function hooks(): void {
		add_action( 'admin_menu', array( $this, 'menu' ) );
		add_action( 'admin_enqueue_scripts', array( $this, 'enqueue' ) );
	}

	public static function missing_woocommerce_notice(): void {
		if ( ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		printf(
			'<div class="notice notice-error"><p><strong>%1$s</strong> %2$s</p></div>',
			esc_html__( 'Prima Connect needs WooCommerce.', 'prima-connect' ),
			esc_html__( 'Install and activate WooCommerce, then come back: orders and stock cannot sync without it.', 'prima-connect' )
		);
	}

	public function menu(): void {
		add_submenu_page(
			'woocommerce',
			__( 'Prima Connect', 'prima-connect' ),
			__( 'Prima Connect', 'prima-connect' ),
			'manage_woocommerce',
			self::PAGE_SLUG,
			array( $this, 'render_page' )
		);
	}

	public function render_page(): void {
		echo '<div class="wrap"><h1 class="wp-heading-inline">' . esc_html__( 'Prima Connect', 'prima-connect' ) . '</h1>';
		echo '<div id="prima-connect-root"></div></div>';
	}

	/** Screens the bundle is needed on: our page and the order edit screens (HPOS and legacy). */
	public static function wants_assets( string $hook ): bool {
		if ( self::PAGE_HOOK === $hook ) {
			return true;
		}
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		return $screen && in_array( $screen->id, Prima_Connect_Order_Meta_Box::screen_ids(), true );
	}

	/** @return array{dependencies: string[], version: string}|null */
	public function asset(): ?array {
		$file = $this->asset_file;
		if ( ! file_exists( $file ) ) {
			return null;
		}
		$asset = include $file;
		return is_array( $asset ) ? $asset : null;
	}

	public function enqueue( $hook ): void {
		if ( ! self::wants_assets( (string) $hook ) ) {
			return;
		}
		$asset = $this->asset();
		if ( null === $asset ) {
			add_action(
				'admin_notices',
				static function () {
					echo '<div class="notice notice-warning"><p>' . esc_html__( 'Prima Connect screens are not built. Run "pnpm build" in the plugin folder.', 'prima-connect' ) . '</p></div>';
				}
			);
			return;
		}
		wp_enqueue_script( self::SCRIPT, plugins_url( 'build/index.js', PRIMA_CONNECT_FILE ), $asset['dependencies'], $asset['version'], true );
		wp_set_script_translations( self::SCRIPT, 'prima-connect', PRIMA_CONNECT_DIR . '/languages' );
		wp_add_inline_script(
			self::SCRIPT,
			'window.primaConnect = ' . wp_json_encode(
				array(
					'namespace' => Prima_Connect_Rest_Controller::NAMESPACE_V1,
					'connected' => $this->settings->is_connected(),
					'root'      => esc_url_raw( rest_url() ),
					'nonce'     => wp_create_nonce( 'wp_rest' ),
					// The handbook ships inside the plugin (generated from docs/handbook): links work offline.
					'handbook'  => plugins_url( 'handbook/', PRIMA_CONNECT_FILE ),
				)
			) . ';',
			'before'
		);
		wp_enqueue_style( 'wp-components' );
		if ( file_exists( PRIMA_CONNECT_DIR . '/build/style-index.css' ) ) {
			wp_enqueue_style( self::SCRIPT, plugins_url( 'build/style-index.css', PRIMA_CONNECT_FILE ), array( 'wp-components' ), $asset['version'] );
		}
	}
}
