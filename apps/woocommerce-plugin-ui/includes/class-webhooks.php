<?php
/**
 * Creates the shop's order webhooks pointing at the connector, with the secret the connector verifies
 * signatures with, and removes them on uninstall. WC_Webhook saves itself through WooCommerce's data store.
 */

defined( 'ABSPATH' ) || exit;

final class Prima_Connect_Webhooks {

	/** @var Prima_Connect_Settings */
	private $settings;
	/** @var Prima_Connect_Connector_Client */
	private $client;

	public function __construct( Prima_Connect_Settings $settings, Prima_Connect_Connector_Client $client ) {
		$this->settings = $settings;
		$this->client   = $client;
	}

	/**
	 * Asks the connector for the delivery URL, secret and topics, replaces our previous webhooks with
	 * fresh ones, and remembers their ids.
	 *
	 * @return array{status: int, body: array}|WP_Error
	 */
	public function register() {
		$config = $this->client->request( 'POST', '/v1/webhooks/config', array( 'rotate' => false ) );
		if ( is_wp_error( $config ) ) {
			return $config;
		}
		$body = is_array( $config['body'] ) ? $config['body'] : array();
		if ( 200 !== $config['status'] || empty( $body['deliveryUrl'] ) || empty( $body['secret'] ) || empty( $body['topics'] ) ) {
			return new WP_Error( 'prima_connect_webhook_config', __( 'The Prima Connect service did not return a webhook setup. Check the store key in Settings.', 'prima-connect' ), array( 'status' => 502 ) );
		}
		$this->remove_all();
		$ids = array();
		foreach ( (array) $body['topics'] as $topic ) {
			$webhook = new WC_Webhook();
			$webhook->set_name( 'Prima Connect: ' . sanitize_text_field( (string) $topic ) );
			$webhook->set_topic( (string) $topic );
			$webhook->set_delivery_url( esc_url_raw( (string) $body['deliveryUrl'] ) );
			$webhook->set_secret( (string) $body['secret'] );
			$webhook->set_api_version( 'wp_api_v3' );
			$webhook->set_user_id( get_current_user_id() );
			$webhook->set_status( 'active' );
			$ids[] = (int) $webhook->save();
		}
		$this->settings->set_webhook_ids( $ids );
		return array(
			'status' => 200,
			'body'   => array(
				'registered' => count( $ids ),
				'topics'     => array_values( (array) $body['topics'] ),
			),
		);
	}

	public function remove_all(): int {
		$removed = 0;
		foreach ( $this->settings->all()['webhook_ids'] as $id ) {
			$webhook = new WC_Webhook( $id );
			if ( $webhook->get_id() ) {
				$webhook->delete( true );
				++$removed;
			}
		}
		$this->settings->set_webhook_ids( array() );
		return $removed;
	}
}
