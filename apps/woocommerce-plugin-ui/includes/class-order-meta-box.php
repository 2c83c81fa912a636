<?php
/**
 * "Prima" box on the order screen, for HPOS (wc-orders page) and legacy (shop_order post) screens. It
 * prints what the connector last wrote on the order (read through order CRUD, never post meta), and
 * mounts the React widget that fetches the live status and offers Retry.
 */

defined( 'ABSPATH' ) || exit;

final class Prima_Connect_Order_Meta_Box {

	public function hooks(): void {
		add_action( 'add_meta_boxes', array( $this, 'register' ) );
	}

	/** @return string[] */
	public static function screen_ids(): array {
		$ids = array( 'shop_order' );
		if ( function_exists( 'wc_get_page_screen_id' ) ) {
			$ids[] = wc_get_page_screen_id( 'shop-order' );
		}
		return array_values( array_unique( $ids ) );
	}

	public function register(): void {
		foreach ( self::screen_ids() as $screen ) {
			add_meta_box( 'prima-connect-order', __( 'Prima', 'prima-connect' ), array( $this, 'render' ), $screen, 'side', 'high' );
		}
	}

	/** @return array{order_id: int, prima_order_number: string, status: string, message: string, updated_at: string} */
	public static function summary( $order ): array {
		return array(
			'order_id'           => (int) $order->get_id(),
			'prima_order_number' => (string) $order->get_meta( '_prima_order_number', true ),
			'status'             => (string) $order->get_meta( '_prima_status', true ),
			'message'            => (string) $order->get_meta( '_prima_message', true ),
			'updated_at'         => (string) $order->get_meta( '_prima_updated_at', true ),
		);
	}

	/** @param WP_Post|WC_Order $post_or_order */
	public function render( $post_or_order ): void {
		$order = ( $post_or_order instanceof WP_Post ) ? wc_get_order( $post_or_order->ID ) : $post_or_order;
		if ( ! $order ) {
			return;
		}
		$s = self::summary( $order );
		echo '<div class="prima-connect-order-summary">';
		if ( '' === $s['prima_order_number'] ) {
			echo '<p>' . esc_html__( 'Not in Prima yet.', 'prima-connect' ) . '</p>';
		} else {
			printf( '<p><strong>%s</strong> %s</p>', esc_html__( 'Prima order:', 'prima-connect' ), esc_html( $s['prima_order_number'] ) );
		}
		if ( '' !== $s['status'] ) {
			printf( '<p><strong>%s</strong> %s</p>', esc_html__( 'Status:', 'prima-connect' ), esc_html( $s['status'] ) );
		}
		if ( '' !== $s['message'] ) {
			printf( '<p class="prima-connect-attention">%s</p>', esc_html( $s['message'] ) );
		}
		echo '</div>';
		printf( '<div id="prima-connect-order-widget" data-order-id="%d"></div>', (int) $s['order_id'] );
	}
}
