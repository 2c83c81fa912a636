<?php
/**
 * REST routes under prima-connect/v1 for the admin screens. Each one needs the manage_woocommerce
 * capability and a valid REST nonce, and relays to a fixed connector path: the browser cannot choose
 * which connector endpoint is called, and never sees the store key.
 */

defined( 'ABSPATH' ) || exit;

final class Prima_Connect_Rest_Controller {

	const NAMESPACE_V1 = 'prima-connect/v1';

	/**
	 * route => [WordPress methods, connector method, connector path template, body passes through?]
	 * Path parameters are validated by the route regex before they reach the template.
	 */
	const RELAYS = array(
		'/dashboard'                                       => array( 'GET', 'GET', '/v1/dashboard', false ),
		'/orders'                                          => array( 'GET', 'GET', '/v1/orders', false ),
		'/orders/(?P<id>\d+)'                              => array( 'GET', 'GET', '/v1/orders/{id}', false ),
		'/orders/(?P<id>\d+)/repost'                       => array( 'POST', 'POST', '/v1/orders/{id}/repost', false ),
		'/exceptions'                                      => array( 'GET', 'GET', '/v1/exceptions', false ),
		'/exceptions/(?P<id>[A-Za-z0-9_.:-]{1,100})/retry'   => array( 'POST', 'POST', '/v1/exceptions/{id}/retry', false ),
		'/exceptions/(?P<id>[A-Za-z0-9_.:-]{1,100})/resolve' => array( 'POST', 'POST', '/v1/exceptions/{id}/resolve', true ),
		'/mappings'                                        => array( 'GET', 'GET', '/v1/mappings', false ),
		'/mappings/save'                                   => array( 'POST', 'PUT', '/v1/mappings', true ),
		'/mappings/export'                                 => array( 'GET', 'GET', '/v1/mappings/export', false ),
		'/mappings/import'                                 => array( 'POST', 'POST', '/v1/mappings/import', true ),
		'/prima-settings'                                  => array( 'GET', 'GET', '/v1/settings', false ),
		'/prima-settings/save'                             => array( 'POST', 'PUT', '/v1/settings', true ),
		'/alerts/test'                                     => array( 'POST', 'POST', '/v1/alerts/test', true ),
		'/connection-test'                                 => array( 'POST', 'POST', '/v1/connection-test', false ),
		'/stock/sync'                                      => array( 'POST', 'POST', '/v1/stock/sync', true ),
		'/catch-up'                                        => array( 'POST', 'POST', '/v1/catch-up', false ),
		'/reconciliation'                                  => array( 'GET', 'GET', '/v1/reconciliation', false ),
		// First-run wizard (Setup tab): one relay per connector /v1/onboarding route.
		'/onboarding'                                      => array( 'GET', 'GET', '/v1/onboarding', false ),
		'/onboarding/test-connection'                      => array( 'POST', 'POST', '/v1/onboarding/test-connection', true ),
		'/onboarding/connect'                              => array( 'POST', 'POST', '/v1/onboarding/connect', true ),
		'/onboarding/propose'                              => array( 'POST', 'POST', '/v1/onboarding/propose', false ),
		'/onboarding/apply'                                => array( 'POST', 'POST', '/v1/onboarding/apply', true ),
		'/onboarding/map-sku'                              => array( 'POST', 'POST', '/v1/onboarding/map-sku', true ),
		'/onboarding/locations'                            => array( 'GET', 'GET', '/v1/onboarding/locations', false ),
		'/onboarding/maps'                                 => array( 'POST', 'PUT', '/v1/onboarding/maps', true ),
		'/onboarding/stock-preview'                        => array( 'POST', 'POST', '/v1/onboarding/stock-preview', false ),
		'/onboarding/steps/(?P<step>[a-z-]{1,20})/complete' => array( 'POST', 'POST', '/v1/onboarding/steps/{step}/complete', false ),
		'/onboarding/go-live'                              => array( 'POST', 'POST', '/v1/onboarding/go-live', false ),
	);

	/** Query parameters a list screen may pass on. */
	const QUERY_ALLOWED = array( 'status', 'state', 'limit', 'days' );

	/** @var Prima_Connect_Settings */
	private $settings;
	/** @var Prima_Connect_Connector_Client */
	private $client;
	/** @var Prima_Connect_Webhooks */
	private $webhooks;

	public function __construct( Prima_Connect_Settings $settings, Prima_Connect_Connector_Client $client, Prima_Connect_Webhooks $webhooks ) {
		$this->settings = $settings;
		$this->client   = $client;
		$this->webhooks = $webhooks;
	}

	public function hooks(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/** Capability AND nonce: a logged-in manager's cookie alone (e.g. from a forged form) is not enough. */
	public static function permission( $request ) {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return new WP_Error( 'rest_forbidden', __( 'You need permission to manage WooCommerce.', 'prima-connect' ), array( 'status' => 403 ) );
		}
		$nonce = $request->get_header( 'X-WP-Nonce' );
		if ( ! $nonce || ! wp_verify_nonce( $nonce, 'wp_rest' ) ) {
			return new WP_Error( 'rest_cookie_invalid_nonce', __( 'Your session has expired. Reload the page and try again.', 'prima-connect' ), array( 'status' => 403 ) );
		}
		return true;
	}

	public function register_routes(): void {
		foreach ( self::RELAYS as $route => $relay ) {
			register_rest_route(
				self::NAMESPACE_V1,
				$route,
				array(
					'methods'             => $relay[0],
					'callback'            => function ( $request ) use ( $route ) {
						return $this->relay( $route, $request );
					},
					'permission_callback' => array( self::class, 'permission' ),
				)
			);
		}
		register_rest_route(
			self::NAMESPACE_V1,
			'/plugin-settings',
			array(
				array(
					'methods'             => 'GET',
					'callback'            => function () {
						return rest_ensure_response( $this->settings->public_view() );
					},
					'permission_callback' => array( self::class, 'permission' ),
				),
				array(
					'methods'             => 'POST',
					'callback'            => array( $this, 'save_plugin_settings' ),
					'permission_callback' => array( self::class, 'permission' ),
				),
			)
		);
		register_rest_route(
			self::NAMESPACE_V1,
			'/woocommerce-key',
			array(
				'methods'             => 'POST',
				'callback'            => array( $this, 'save_woocommerce_key' ),
				'permission_callback' => array( self::class, 'permission' ),
			)
		);
		register_rest_route(
			self::NAMESPACE_V1,
			'/webhooks/register',
			array(
				'methods'             => 'POST',
				'callback'            => function () {
					return $this->to_response( $this->webhooks->register() );
				},
				'permission_callback' => array( self::class, 'permission' ),
			)
		);
	}

	/** Fills the connector path template from the route's validated parameters. */
	public static function connector_path( string $template, array $params ): string {
		return preg_replace_callback(
			'/\{(\w+)\}/',
			static function ( $m ) use ( $params ) {
				return rawurlencode( (string) ( $params[ $m[1] ] ?? '' ) );
			},
			$template
		);
	}

	public function relay( string $route, $request ) {
		if ( ! isset( self::RELAYS[ $route ] ) ) {
			return new WP_Error( 'rest_no_route', 'Unknown route.', array( 'status' => 404 ) );
		}
		list( , $method, $template, $with_body ) = self::RELAYS[ $route ];
		$path  = self::connector_path( $template, $request->get_url_params() );
		$query = array_intersect_key( (array) $request->get_query_params(), array_flip( self::QUERY_ALLOWED ) );
		$body  = $with_body ? $request->get_json_params() : null;
		if ( $with_body && ! is_array( $body ) ) {
			$body = array();
		}
		$result = $this->client->request( $method, $path, $body, array_map( 'sanitize_text_field', $query ) );
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		if ( '/mappings/export' === $route ) {
			// CSV passes through as a string the screen turns into a download.
			return rest_ensure_response( array( 'csv' => $result['raw'] ) );
		}
		return new WP_REST_Response( $result['body'], $result['status'] );
	}

	public function save_plugin_settings( $request ) {
		$params = (array) $request->get_json_params();
		$saved  = $this->settings->save_connection( $params );
		if ( is_wp_error( $saved ) ) {
			return $saved;
		}
		return rest_ensure_response( $this->settings->public_view() );
	}

	/** The WooCommerce REST key goes to the connector (stored encrypted there) and is not kept in WordPress. */
	public function save_woocommerce_key( $request ) {
		$params = (array) $request->get_json_params();
		$body   = array(
			'siteUrl'        => home_url(),
			'consumerKey'    => sanitize_text_field( (string) ( $params['consumer_key'] ?? '' ) ),
			'consumerSecret' => sanitize_text_field( (string) ( $params['consumer_secret'] ?? '' ) ),
		);
		$result = $this->client->request( 'PUT', '/v1/woocommerce/credentials', $body );
		return $this->to_response( $result );
	}

	private function to_response( $result ) {
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return new WP_REST_Response( $result['body'] ?? null, $result['status'] ?? 200 );
	}
}
