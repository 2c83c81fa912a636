<?php
/**
 * Calls the connector service with the shop's key. The key is added here, server side: the browser only
 * ever talks to our own REST routes with the WordPress nonce.
 */

defined( 'ABSPATH' ) || exit;

final class Prima_Connect_Connector_Client {

	/** @var Prima_Connect_Settings */
	private $settings;

	public function __construct( Prima_Connect_Settings $settings ) {
		$this->settings = $settings;
	}

	/**
	 * @param string                    $method GET, POST, PUT or DELETE.
	 * @param string                    $path   Connector path, starting with /v1/.
	 * @param array<string, mixed>|null $body   JSON body.
	 * @param array<string, scalar>     $query  Query parameters.
	 * @return array{status: int, body: mixed, raw: string}|WP_Error
	 */
	public function request( string $method, string $path, ?array $body = null, array $query = array() ) {
		if ( ! $this->settings->is_connected() ) {
			return new WP_Error( 'prima_connect_not_connected', __( 'Prima Connect is not connected yet. Enter the connector address and store key in Settings.', 'prima-connect' ), array( 'status' => 409 ) );
		}
		if ( 0 !== strpos( $path, '/v1/' ) ) {
			return new WP_Error( 'prima_connect_bad_path', 'Only connector API paths can be relayed.', array( 'status' => 400 ) );
		}
		$url = $this->settings->connector_url() . $path;
		if ( ! empty( $query ) ) {
			$url .= '?' . http_build_query( $query );
		}
		$user = wp_get_current_user();
		$args = array(
			'method'  => $method,
			'timeout' => 20,
			'headers' => array(
				'Authorization' => 'Bearer ' . $this->settings->api_key(),
				'Accept'        => 'application/json',
				'X-Prima-User'  => ( $user && ! empty( $user->user_login ) ) ? $user->user_login : 'wordpress',
			),
		);
		if ( null !== $body ) {
			$args['headers']['Content-Type'] = 'application/json';
			$args['body']                    = wp_json_encode( $body );
		}
		$response = wp_remote_request( $url, $args );
		if ( is_wp_error( $response ) ) {
			return new WP_Error( 'prima_connect_unreachable', __( 'The Prima Connect service did not answer. Try again in a minute; if it keeps failing, check the connector address in Settings.', 'prima-connect' ), array( 'status' => 502 ) );
		}
		$raw = (string) wp_remote_retrieve_body( $response );
		return array(
			'status' => (int) wp_remote_retrieve_response_code( $response ),
			'body'   => json_decode( $raw, true ),
			'raw'    => $raw,
		);
	}
}
