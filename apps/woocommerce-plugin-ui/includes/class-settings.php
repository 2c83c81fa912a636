<?php
/**
 * The plugin's own settings, kept with the options API: where the connector service is, the shop's key for
 * it, and the ids of the webhooks we created (for cleanup). Prima settings live in the connector.
 */

defined( 'ABSPATH' ) || exit;

final class Prima_Connect_Settings {

	const OPTION = 'prima_connect_settings';

	/** @return array{connector_url: string, api_key: string, webhook_ids: int[]} */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		$stored = is_array( $stored ) ? $stored : array();
		return array(
			'connector_url' => isset( $stored['connector_url'] ) ? (string) $stored['connector_url'] : '',
			'api_key'       => isset( $stored['api_key'] ) ? (string) $stored['api_key'] : '',
			'webhook_ids'   => isset( $stored['webhook_ids'] ) && is_array( $stored['webhook_ids'] ) ? array_map( 'intval', $stored['webhook_ids'] ) : array(),
		);
	}

	public function connector_url(): string {
		return $this->all()['connector_url'];
	}

	public function api_key(): string {
		return $this->all()['api_key'];
	}

	public function is_connected(): bool {
		$all = $this->all();
		return '' !== $all['connector_url'] && '' !== $all['api_key'];
	}

	/**
	 * Validates and saves the connection fields. An empty api_key keeps the saved one, so the settings
	 * screen never needs to show the key again.
	 *
	 * @param array<string, mixed> $input
	 * @return true|WP_Error
	 */
	public function save_connection( array $input ) {
		$url = isset( $input['connector_url'] ) ? trim( (string) $input['connector_url'] ) : '';
		$url = rtrim( $url, '/' );
		if ( ! self::valid_connector_url( $url ) ) {
			return new WP_Error( 'prima_connect_bad_url', __( 'The connector address must start with https:// (http:// is allowed only for localhost).', 'prima-connect' ), array( 'status' => 400 ) );
		}
		$key = isset( $input['api_key'] ) ? trim( (string) $input['api_key'] ) : '';
		if ( '' !== $key && ! preg_match( '/^pck_[a-z0-9_]+_[0-9a-f]{48}$/', $key ) ) {
			return new WP_Error( 'prima_connect_bad_key', __( 'That does not look like a Prima Connect store key (it starts with pck_).', 'prima-connect' ), array( 'status' => 400 ) );
		}
		$all                  = $this->all();
		$all['connector_url'] = esc_url_raw( $url );
		if ( '' !== $key ) {
			$all['api_key'] = $key;
		}
		// autoload off: the key is needed only on our own screens and REST calls.
		update_option( self::OPTION, $all, false );
		return true;
	}

	/** @param int[] $ids */
	public function set_webhook_ids( array $ids ): void {
		$all                = $this->all();
		$all['webhook_ids'] = array_values( array_map( 'intval', $ids ) );
		update_option( self::OPTION, $all, false );
	}

	public static function valid_connector_url( string $url ): bool {
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return false;
		}
		if ( 'https' === $parts['scheme'] ) {
			return true;
		}
		return 'http' === $parts['scheme'] && in_array( $parts['host'], array( 'localhost', '127.0.0.1', '::1' ), true );
	}

	/** What the screens may see: never the key itself. */
	public function public_view(): array {
		$all = $this->all();
		return array(
			'connector_url' => $all['connector_url'],
			'api_key_saved' => '' !== $all['api_key'],
			'webhook_count' => count( $all['webhook_ids'] ),
		);
	}

	public function delete(): void {
		delete_option( self::OPTION );
	}
}
