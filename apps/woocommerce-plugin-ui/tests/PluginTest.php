<?php
use PHPUnit\Framework\TestCase;

final class PluginTest extends TestCase {

	const KEY = 'pck_woo_abc123_0123456789abcdef0123456789abcdef0123456789abcdef';

	protected function setUp(): void {
		pc_reset_wp();
	}

	private function connected(): Prima_Connect_Settings {
		$settings = new Prima_Connect_Settings();
		$this->assertTrue( $settings->save_connection( array( 'connector_url' => 'https://connector.example/', 'api_key' => self::KEY ) ) );
		return $settings;
	}

	private function controller( Prima_Connect_Settings $settings ): Prima_Connect_Rest_Controller {
		$client = new Prima_Connect_Connector_Client( $settings );
		return new Prima_Connect_Rest_Controller( $settings, $client, new Prima_Connect_Webhooks( $settings, $client ) );
	}

	public function test_every_php_file_passes_php_lint(): void {
		$root  = dirname( __DIR__ );
		$files = array_merge( glob( $root . '/*.php' ), glob( $root . '/includes/*.php' ), glob( $root . '/tests/*.php' ), glob( $root . '/tests/stubs/*.php' ), glob( $root . '/tests/fixtures/*.php' ), glob( $root . '/test/wordpress/*.php' ) );
		$this->assertGreaterThanOrEqual( 10, count( $files ) );
		foreach ( $files as $file ) {
			exec( escapeshellarg( PHP_BINARY ) . ' -l ' . escapeshellarg( $file ) . ' 2>&1', $out, $code );
			$this->assertSame( 0, $code, $file . ': ' . implode( "\n", $out ) );
		}
	}

	public function test_declares_hpos_compatibility_before_woocommerce_init(): void {
		\Automattic\WooCommerce\Utilities\FeaturesUtil::$declared = array();
		// What the main file hooked when the bootstrap loaded it.
		$GLOBALS['wp']['actions'] = $GLOBALS['pc_boot_actions'];
		$this->assertSame( array( array( 'Prima_Connect_Plugin', 'boot' ) ), $GLOBALS['wp']['actions']['plugins_loaded'] );
		do_action( 'before_woocommerce_init' );
		$this->assertSame( array( array( 'custom_order_tables', 'prima-connect.php', true ) ), \Automattic\WooCommerce\Utilities\FeaturesUtil::$declared );
	}

	public function test_shows_a_notice_and_registers_nothing_when_woocommerce_is_missing(): void {
		$this->assertTrue( Prima_Connect_Plugin::woocommerce_active() === function_exists( 'wc_get_order' ) );
		ob_start();
		Prima_Connect_Admin::missing_woocommerce_notice();
		$html = ob_get_clean();
		$this->assertStringContainsString( 'notice-error', $html );
		$this->assertStringContainsString( 'Prima Connect needs WooCommerce.', $html );
		$GLOBALS['wp']['caps'] = array();
		ob_start();
		Prima_Connect_Admin::missing_woocommerce_notice();
		$this->assertSame( '', ob_get_clean() );
	}

	public function test_connector_url_must_be_https_except_localhost(): void {
		$this->assertTrue( Prima_Connect_Settings::valid_connector_url( 'https://connector.example' ) );
		$this->assertTrue( Prima_Connect_Settings::valid_connector_url( 'http://127.0.0.1:4000' ) );
		$this->assertFalse( Prima_Connect_Settings::valid_connector_url( 'http://connector.example' ) );
		$this->assertFalse( Prima_Connect_Settings::valid_connector_url( 'javascript:alert(1)' ) );
		$settings = new Prima_Connect_Settings();
		$error    = $settings->save_connection( array( 'connector_url' => 'ftp://x', 'api_key' => self::KEY ) );
		$this->assertInstanceOf( WP_Error::class, $error );
		$this->assertSame( array(), $GLOBALS['wp']['options'] );
	}

	public function test_settings_keep_the_key_private_and_keep_it_when_left_blank(): void {
		$settings = $this->connected();
		$this->assertTrue( $settings->save_connection( array( 'connector_url' => 'https://other.example', 'api_key' => '' ) ) );
		$this->assertSame( self::KEY, $settings->api_key() );
		$view = $settings->public_view();
		$this->assertSame( array( 'connector_url' => 'https://other.example', 'api_key_saved' => true, 'webhook_count' => 0 ), $view );
		$this->assertStringNotContainsString( self::KEY, json_encode( $view ) );
		$bad = $settings->save_connection( array( 'connector_url' => 'https://other.example', 'api_key' => 'not-a-key' ) );
		$this->assertInstanceOf( WP_Error::class, $bad );
	}

	public function test_rest_permission_needs_capability_and_nonce(): void {
		$ok = new WP_REST_Request( array( 'X-WP-Nonce' => 'abc' ) );
		$this->assertTrue( Prima_Connect_Rest_Controller::permission( $ok ) );
		$no_nonce = Prima_Connect_Rest_Controller::permission( new WP_REST_Request() );
		$this->assertSame( 'rest_cookie_invalid_nonce', $no_nonce->get_error_code() );
		$GLOBALS['wp']['nonce_ok'] = false;
		$this->assertInstanceOf( WP_Error::class, Prima_Connect_Rest_Controller::permission( $ok ) );
		$GLOBALS['wp']['nonce_ok'] = true;
		$GLOBALS['wp']['caps']     = array();
		$this->assertSame( 'rest_forbidden', Prima_Connect_Rest_Controller::permission( $ok )->get_error_code() );
	}

	public function test_registers_every_route_under_its_namespace_with_the_permission_callback(): void {
		$this->controller( $this->connected() )->register_routes();
		$this->assertArrayHasKey( 'prima-connect/v1/orders/(?P<id>\d+)/repost', $GLOBALS['wp']['routes'] );
		foreach ( $GLOBALS['wp']['routes'] as $route => $args ) {
			$defs = isset( $args['methods'] ) ? array( $args ) : $args;
			foreach ( $defs as $def ) {
				$this->assertSame( array( Prima_Connect_Rest_Controller::class, 'permission' ), $def['permission_callback'], $route );
			}
		}
	}

	public function test_relays_to_the_fixed_connector_path_with_the_store_key(): void {
		$controller                  = $this->controller( $this->connected() );
		$GLOBALS['wp']['http_reply'] = array( 'response' => array( 'code' => 200 ), 'body' => '{"exception":{"status":"resolved"}}' );
		$request                     = new WP_REST_Request( array(), array( 'id' => 'exc-1' ), array( 'status' => 'open', 'evil' => 'x' ), array( 'note' => 'Mapped' ) );
		$response                    = $controller->relay( '/exceptions/(?P<id>[A-Za-z0-9_.:-]{1,100})/resolve', $request );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'resolved', $response->get_data()['exception']['status'] );
		$call = $GLOBALS['wp']['http'][0];
		$this->assertSame( 'https://connector.example/v1/exceptions/exc-1/resolve?status=open', $call['url'] );
		$this->assertSame( 'POST', $call['args']['method'] );
		$this->assertSame( 'Bearer ' . self::KEY, $call['args']['headers']['Authorization'] );
		$this->assertSame( 'shop_manager', $call['args']['headers']['X-Prima-User'] );
		$this->assertSame( '{"note":"Mapped"}', $call['args']['body'] );
	}

	public function test_relays_the_reconciliation_report_with_only_the_days_query_and_no_body(): void {
		$controller = $this->controller( $this->connected() );
		$controller->register_routes();
		$route = $GLOBALS['wp']['routes']['prima-connect/v1/reconciliation'];
		$this->assertSame( 'GET', $route['methods'] );
		$this->assertSame( array( Prima_Connect_Rest_Controller::class, 'permission' ), $route['permission_callback'] );
		$GLOBALS['wp']['http_reply'] = array( 'response' => array( 'code' => 200 ), 'body' => '{"reports":[{"day":"2026-11-21","reconciled":false}],"csv":"Day,Finding\n"}' );
		$request                     = new WP_REST_Request( array(), array(), array( 'days' => '30', 'tenant' => 'other' ), array( 'days' => 90 ) );
		$response                    = $controller->relay( '/reconciliation', $request );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( '2026-11-21', $response->get_data()['reports'][0]['day'] );
		$this->assertSame( "Day,Finding\n", $response->get_data()['csv'] );
		$call = $GLOBALS['wp']['http'][0];
		$this->assertSame( 'https://connector.example/v1/reconciliation?days=30', $call['url'] );
		$this->assertSame( 'GET', $call['args']['method'] );
		$this->assertSame( 'Bearer ' . self::KEY, $call['args']['headers']['Authorization'] );
		$this->assertArrayNotHasKey( 'body', $call['args'] );
	}

	public function test_relays_every_onboarding_step_to_its_fixed_connector_route(): void {
		$controller = $this->controller( $this->connected() );
		$controller->register_routes();
		// WordPress route => [WordPress method, connector method, connector path, body passes?].
		$expected = array(
			'/onboarding'                                       => array( 'GET', 'GET', '/v1/onboarding', false ),
			'/onboarding/test-connection'                       => array( 'POST', 'POST', '/v1/onboarding/test-connection', true ),
			'/onboarding/connect'                               => array( 'POST', 'POST', '/v1/onboarding/connect', true ),
			'/onboarding/propose'                               => array( 'POST', 'POST', '/v1/onboarding/propose', false ),
			'/onboarding/apply'                                 => array( 'POST', 'POST', '/v1/onboarding/apply', true ),
			'/onboarding/map-sku'                               => array( 'POST', 'POST', '/v1/onboarding/map-sku', true ),
			'/onboarding/locations'                             => array( 'GET', 'GET', '/v1/onboarding/locations', false ),
			'/onboarding/maps'                                  => array( 'POST', 'PUT', '/v1/onboarding/maps', true ),
			'/onboarding/stock-preview'                         => array( 'POST', 'POST', '/v1/onboarding/stock-preview', false ),
			'/onboarding/steps/(?P<step>[a-z-]{1,20})/complete' => array( 'POST', 'POST', '/v1/onboarding/steps/preview/complete', false ),
			'/onboarding/go-live'                               => array( 'POST', 'POST', '/v1/onboarding/go-live', false ),
		);
		foreach ( $expected as $route => list( $wp_method, $method, $path, $with_body ) ) {
			$registered = $GLOBALS['wp']['routes'][ 'prima-connect/v1' . $route ];
			$this->assertSame( $wp_method, $registered['methods'], $route );
			$this->assertSame( array( Prima_Connect_Rest_Controller::class, 'permission' ), $registered['permission_callback'], $route );
			$GLOBALS['wp']['http']       = array();
			$GLOBALS['wp']['http_reply'] = array( 'response' => array( 'code' => 200 ), 'body' => '{"ok":true}' );
			$body                        = array( 'prima' => array( 'url' => 'http://prima.local/wsdl' ), 'vatInclusive' => true );
			$request                     = new WP_REST_Request( array(), array( 'step' => 'preview' ), array( 'tenant' => 'other' ), $body );
			$response                    = $controller->relay( $route, $request );
			$this->assertSame( 200, $response->get_status(), $route );
			$call = $GLOBALS['wp']['http'][0];
			// The fixed path only: no query a page could add (another tenant, say) is passed on.
			$this->assertSame( 'https://connector.example' . $path, $call['url'], $route );
			$this->assertSame( $method, $call['args']['method'], $route );
			$this->assertSame( 'Bearer ' . self::KEY, $call['args']['headers']['Authorization'], $route );
			$this->assertSame( 'shop_manager', $call['args']['headers']['X-Prima-User'], $route );
			if ( $with_body ) {
				$this->assertSame( wp_json_encode( $body ), $call['args']['body'], $route );
			} else {
				$this->assertArrayNotHasKey( 'body', $call['args'], $route );
			}
		}
	}

	public function test_onboarding_refusals_pass_through_with_their_status(): void {
		$controller                  = $this->controller( $this->connected() );
		$GLOBALS['wp']['http_reply'] = array( 'response' => array( 'code' => 409 ), 'body' => '{"ok":false,"missing":["Look at the stock preview first."]}' );
		$response                    = $controller->relay( '/onboarding/go-live', new WP_REST_Request() );
		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( array( 'Look at the stock preview first.' ), $response->get_data()['missing'] );
	}

	public function test_relay_passes_connector_errors_through_and_explains_an_outage(): void {
		$controller                  = $this->controller( $this->connected() );
		$GLOBALS['wp']['http_reply'] = array( 'response' => array( 'code' => 400 ), 'body' => '{"error":"invalid_request"}' );
		$response                    = $controller->relay( '/prima-settings/save', new WP_REST_Request( array(), array(), array(), array( 'prima' => array() ) ) );
		$this->assertSame( 400, $response->get_status() );
		$GLOBALS['wp']['http_reply'] = new WP_Error( 'http_request_failed', 'cURL error 7' );
		$error                       = $controller->relay( '/dashboard', new WP_REST_Request() );
		$this->assertSame( 'prima_connect_unreachable', $error->get_error_code() );
		$this->assertSame( 502, $error->get_error_data()['status'] );
		$this->assertStringNotContainsString( 'cURL', $error->get_error_message() );
	}

	public function test_refuses_to_relay_before_the_shop_is_connected(): void {
		$settings = new Prima_Connect_Settings();
		$error    = $this->controller( $settings )->relay( '/dashboard', new WP_REST_Request() );
		$this->assertSame( 'prima_connect_not_connected', $error->get_error_code() );
		$this->assertSame( array(), $GLOBALS['wp']['http'] );
	}

	public function test_path_parameters_are_url_encoded_into_the_template(): void {
		$this->assertSame( '/v1/orders/42/repost', Prima_Connect_Rest_Controller::connector_path( '/v1/orders/{id}/repost', array( 'id' => '42' ) ) );
		$this->assertSame( '/v1/exceptions/a%2Fb/retry', Prima_Connect_Rest_Controller::connector_path( '/v1/exceptions/{id}/retry', array( 'id' => 'a/b' ) ) );
	}

	public function test_sends_the_woocommerce_key_to_the_connector_and_keeps_nothing_locally(): void {
		$controller = $this->controller( $this->connected() );
		$controller->save_woocommerce_key( new WP_REST_Request( array(), array(), array(), array( 'consumer_key' => 'ck_1234567890', 'consumer_secret' => 'cs_1234567890' ) ) );
		$call = $GLOBALS['wp']['http'][0];
		$this->assertSame( 'PUT', $call['args']['method'] );
		$this->assertSame( array( 'siteUrl' => 'https://shop.example', 'consumerKey' => 'ck_1234567890', 'consumerSecret' => 'cs_1234567890' ), json_decode( $call['args']['body'], true ) );
		$this->assertStringNotContainsString( 'cs_1234567890', json_encode( $GLOBALS['wp']['options'] ) );
	}

	public function test_registers_webhooks_from_the_connector_config_and_replaces_old_ones(): void {
		$settings                    = $this->connected();
		$client                      = new Prima_Connect_Connector_Client( $settings );
		$webhooks                    = new Prima_Connect_Webhooks( $settings, $client );
		$GLOBALS['wp']['http_reply'] = array(
			'response' => array( 'code' => 200 ),
			'body'     => json_encode( array( 'deliveryUrl' => 'https://connector.example/webhooks/woocommerce/woo_abc123', 'secret' => 's3cret', 'topics' => array( 'order.created', 'order.updated' ) ) ),
		);
		$first = $webhooks->register();
		$this->assertSame( 2, $first['body']['registered'] );
		$webhooks->register();
		$this->assertCount( 2, $GLOBALS['wp']['webhooks'] );
		$hook = array_values( $GLOBALS['wp']['webhooks'] )[0];
		$this->assertSame( 'order.created', $hook['topic'] );
		$this->assertSame( 's3cret', $hook['secret'] );
		$this->assertSame( 'active', $hook['status'] );
		$this->assertSame( 'wp_api_v3', $hook['api_version'] );
		$this->assertSame( array_keys( $GLOBALS['wp']['webhooks'] ), $settings->all()['webhook_ids'] );
	}

	public function test_webhook_registration_fails_clearly_on_a_bad_config(): void {
		$webhooks                    = new Prima_Connect_Webhooks( $this->connected(), new Prima_Connect_Connector_Client( new Prima_Connect_Settings() ) );
		$GLOBALS['wp']['http_reply'] = array( 'response' => array( 'code' => 401 ), 'body' => '{"error":"unauthorized"}' );
		$this->assertSame( 'prima_connect_webhook_config', $webhooks->register()->get_error_code() );
		$this->assertSame( array(), $GLOBALS['wp']['webhooks'] );
	}

	public function test_meta_box_on_hpos_and_legacy_screens_and_escaped_output(): void {
		( new Prima_Connect_Order_Meta_Box() )->register();
		$this->assertSame( array( 'shop_order', 'woocommerce_page_wc-orders' ), array_column( $GLOBALS['wp']['meta_boxes'], 'screen' ) );
		$GLOBALS['wp']['orders'][12] = new WC_Order( 12, array( '_prima_order_number' => 'W12', '_prima_status' => 'Needs attention', '_prima_message' => 'SKU <b>X</b> is not mapped' ) );
		ob_start();
		( new Prima_Connect_Order_Meta_Box() )->render( new WP_Post( 12 ) );
		$html = ob_get_clean();
		$this->assertStringContainsString( 'W12', $html );
		$this->assertStringContainsString( 'SKU &lt;b&gt;X&lt;/b&gt; is not mapped', $html );
		$this->assertStringContainsString( 'data-order-id="12"', $html );
		ob_start();
		( new Prima_Connect_Order_Meta_Box() )->render( new WC_Order( 13 ) );
		$this->assertStringContainsString( 'Not in Prima yet.', ob_get_clean() );
	}

	public function test_menu_under_woocommerce_and_enqueue_with_the_generated_asset_file(): void {
		$admin = new Prima_Connect_Admin( $this->connected(), __DIR__ . '/fixtures/index.asset.php' );
		$admin->menu();
		$this->assertSame( array( 'parent' => 'woocommerce', 'cap' => 'manage_woocommerce', 'slug' => 'prima-connect' ), $GLOBALS['wp']['submenu'][0] );
		$admin->enqueue( 'edit.php' );
		$this->assertSame( array(), $GLOBALS['wp']['scripts'] );
		$asset = $admin->asset();
		$this->assertSame( array( 'react', 'wp-api-fetch', 'wp-components', 'wp-element', 'wp-i18n' ), $asset['dependencies'] );
		$admin->enqueue( Prima_Connect_Admin::PAGE_HOOK );
		$script = $GLOBALS['wp']['scripts'][ Prima_Connect_Admin::SCRIPT ];
		$this->assertSame( $asset['dependencies'], $script['deps'] );
		$this->assertSame( $asset['version'], $script['ver'] );
		$inline = $GLOBALS['wp']['inline'][ Prima_Connect_Admin::SCRIPT ];
		$this->assertStringContainsString( '"namespace":"prima-connect\/v1"', $inline );
		$this->assertStringContainsString( '"nonce":"nonce-for-wp_rest"', $inline );
		$this->assertStringNotContainsString( self::KEY, $inline );
		$GLOBALS['wp']['scripts'] = array();
		$GLOBALS['wp']['screen']  = (object) array( 'id' => 'woocommerce_page_wc-orders' );
		$admin->enqueue( 'admin.php' );
		$this->assertArrayHasKey( Prima_Connect_Admin::SCRIPT, $GLOBALS['wp']['scripts'] );
	}

	public function test_warns_instead_of_enqueueing_when_the_build_is_missing(): void {
		$admin = new Prima_Connect_Admin( $this->connected(), __DIR__ . '/fixtures/missing.asset.php' );
		$admin->enqueue( Prima_Connect_Admin::PAGE_HOOK );
		$this->assertSame( array(), $GLOBALS['wp']['scripts'] );
		$this->assertCount( 1, $GLOBALS['wp']['actions']['admin_notices'] );
	}

	public function test_boot_wires_menu_rest_and_meta_box(): void {
		Prima_Connect_Plugin::boot();
		foreach ( array( 'rest_api_init', 'admin_menu', 'admin_enqueue_scripts', 'add_meta_boxes' ) as $hook ) {
			$this->assertArrayHasKey( $hook, $GLOBALS['wp']['actions'], $hook );
		}
		$this->assertArrayNotHasKey( 'admin_notices', $GLOBALS['wp']['actions'] );
	}

	public function test_uninstall_removes_webhooks_and_options(): void {
		$settings = $this->connected();
		$hook     = new WC_Webhook();
		$hook->set_topic( 'order.created' );
		$settings->set_webhook_ids( array( $hook->save() ) );
		define( 'WP_UNINSTALL_PLUGIN', 'prima-connect/prima-connect.php' );
		require dirname( __DIR__ ) . '/uninstall.php';
		$this->assertSame( array(), $GLOBALS['wp']['webhooks'] );
		$this->assertSame( array(), $GLOBALS['wp']['options'] );
	}
}
