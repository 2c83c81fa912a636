<?php
/**
 * A small stand-in for the WordPress and WooCommerce functions the plugin calls, so its own logic runs
 * under PHPUnit without WordPress. Each stub records what it was given in $GLOBALS['wp'] for assertions.
 */

define( 'ABSPATH', __DIR__ . '/' );

function pc_reset_wp(): void {
	$GLOBALS['wp'] = array(
		'options'    => array(),
		'actions'    => array(),
		'caps'       => array( 'manage_woocommerce' => true, 'activate_plugins' => true ),
		'nonce_ok'   => true,
		'http'       => array(),
		'http_reply' => array( 'response' => array( 'code' => 200 ), 'body' => '{}' ),
		'routes'     => array(),
		'meta_boxes' => array(),
		'webhooks'   => array(),
		'next_hook'  => 1,
		'user'       => (object) array( 'ID' => 7, 'user_login' => 'shop_manager' ),
		'hpos'       => true,
		'scripts'    => array(),
		'inline'     => array(),
	);
}
pc_reset_wp();

class WP_Error {
	public $code;
	public $message;
	public $data;
	public function __construct( $code = '', $message = '', $data = null ) {
		$this->code    = $code;
		$this->message = $message;
		$this->data    = $data;
	}
	public function get_error_code() {
		return $this->code;
	}
	public function get_error_message() {
		return $this->message;
	}
	public function get_error_data() {
		return $this->data;
	}
}

class WP_REST_Response {
	public $data;
	public $status;
	public function __construct( $data = null, $status = 200 ) {
		$this->data   = $data;
		$this->status = $status;
	}
	public function get_data() {
		return $this->data;
	}
	public function get_status() {
		return $this->status;
	}
}

class WP_REST_Request {
	private $headers = array();
	private $url     = array();
	private $query   = array();
	private $json;
	public function __construct( array $headers = array(), array $url = array(), array $query = array(), $json = null ) {
		$this->headers = array_change_key_case( $headers, CASE_LOWER );
		$this->url     = $url;
		$this->query   = $query;
		$this->json    = $json;
	}
	public function get_header( $name ) {
		return $this->headers[ strtolower( $name ) ] ?? null;
	}
	public function get_url_params() {
		return $this->url;
	}
	public function get_query_params() {
		return $this->query;
	}
	public function get_json_params() {
		return $this->json;
	}
}

class WP_Post {
	public $ID;
	public function __construct( $id ) {
		$this->ID = $id;
	}
}

class WC_Order {
	private $id;
	private $meta;
	public function __construct( $id, array $meta = array() ) {
		$this->id   = $id;
		$this->meta = $meta;
	}
	public function get_id() {
		return $this->id;
	}
	public function get_meta( $key, $single = true ) {
		return $this->meta[ $key ] ?? '';
	}
}

class WC_Webhook {
	public $data = array( 'id' => 0 );
	public function __construct( $id = 0 ) {
		if ( $id && isset( $GLOBALS['wp']['webhooks'][ $id ] ) ) {
			$this->data = $GLOBALS['wp']['webhooks'][ $id ];
		}
	}
	public function get_id() {
		return $this->data['id'];
	}
	public function __call( $name, $args ) {
		if ( 0 === strpos( $name, 'set_' ) ) {
			$this->data[ substr( $name, 4 ) ] = $args[0];
			return null;
		}
		throw new BadMethodCallException( $name );
	}
	public function save() {
		if ( ! $this->data['id'] ) {
			$this->data['id'] = $GLOBALS['wp']['next_hook']++;
		}
		$GLOBALS['wp']['webhooks'][ $this->data['id'] ] = $this->data;
		return $this->data['id'];
	}
	public function delete( $force = false ) {
		unset( $GLOBALS['wp']['webhooks'][ $this->data['id'] ] );
		return true;
	}
}

class WooCommerce {}

function __( $text, $domain = 'default' ) {
	return $text;
}
function esc_html__( $text, $domain = 'default' ) {
	return esc_html( $text );
}
function esc_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}
function esc_attr( $text ) {
	return esc_html( $text );
}
function esc_url_raw( $url ) {
	return filter_var( $url, FILTER_SANITIZE_URL );
}
function sanitize_text_field( $text ) {
	return trim( preg_replace( '/[\r\n\t ]+/', ' ', strip_tags( (string) $text ) ) );
}
function wp_parse_url( $url ) {
	return parse_url( $url );
}
function wp_json_encode( $data ) {
	return json_encode( $data );
}
function add_action( $hook, $callback, $priority = 10, $args = 1 ) {
	$GLOBALS['wp']['actions'][ $hook ][] = $callback;
	return true;
}
function do_action( $hook, ...$args ) {
	foreach ( $GLOBALS['wp']['actions'][ $hook ] ?? array() as $cb ) {
		call_user_func_array( $cb, $args );
	}
}
function get_option( $name, $default = false ) {
	return $GLOBALS['wp']['options'][ $name ] ?? $default;
}
function update_option( $name, $value, $autoload = null ) {
	$GLOBALS['wp']['options'][ $name ] = $value;
	return true;
}
function delete_option( $name ) {
	unset( $GLOBALS['wp']['options'][ $name ] );
	return true;
}
function current_user_can( $cap ) {
	return ! empty( $GLOBALS['wp']['caps'][ $cap ] );
}
function wp_verify_nonce( $nonce, $action ) {
	return $GLOBALS['wp']['nonce_ok'] && 'wp_rest' === $action ? 1 : false;
}
function wp_get_current_user() {
	return $GLOBALS['wp']['user'];
}
function get_current_user_id() {
	return $GLOBALS['wp']['user']->ID;
}
function home_url( $path = '' ) {
	return 'https://shop.example' . $path;
}
function is_wp_error( $thing ) {
	return $thing instanceof WP_Error;
}
function wp_remote_request( $url, $args ) {
	$GLOBALS['wp']['http'][] = array( 'url' => $url, 'args' => $args );
	$reply                   = $GLOBALS['wp']['http_reply'];
	return is_callable( $reply ) ? $reply( $url, $args ) : $reply;
}
function wp_remote_retrieve_response_code( $response ) {
	return $response['response']['code'] ?? 0;
}
function wp_remote_retrieve_body( $response ) {
	return $response['body'] ?? '';
}
function register_rest_route( $namespace, $route, $args ) {
	$GLOBALS['wp']['routes'][ $namespace . $route ] = $args;
	return true;
}
function rest_ensure_response( $data ) {
	return $data instanceof WP_REST_Response ? $data : new WP_REST_Response( $data );
}
function add_meta_box( $id, $title, $callback, $screen, $context, $priority ) {
	$GLOBALS['wp']['meta_boxes'][] = compact( 'id', 'screen', 'context' );
}
function wc_get_page_screen_id( $for ) {
	return $GLOBALS['wp']['hpos'] ? 'woocommerce_page_wc-orders' : 'shop_order';
}
function wc_get_order( $id ) {
	return $GLOBALS['wp']['orders'][ $id ] ?? false;
}
function add_submenu_page( $parent, $title, $menu, $cap, $slug, $cb ) {
	$GLOBALS['wp']['submenu'][] = compact( 'parent', 'cap', 'slug' );
	return 'woocommerce_page_' . $slug;
}
function plugins_url( $path, $file ) {
	return 'https://shop.example/wp-content/plugins/prima-connect/' . $path;
}
function wp_enqueue_script( $handle, $src, $deps, $ver, $footer ) {
	$GLOBALS['wp']['scripts'][ $handle ] = compact( 'src', 'deps', 'ver' );
}
function wp_set_script_translations( $handle, $domain, $path ) {
	$GLOBALS['wp']['translations'][ $handle ] = $domain;
}
function wp_add_inline_script( $handle, $code, $position ) {
	$GLOBALS['wp']['inline'][ $handle ] = $code;
}
function wp_enqueue_style( $handle, $src = '', $deps = array(), $ver = false ) {
	$GLOBALS['wp']['styles'][] = $handle;
}
function rest_url( $path = '' ) {
	return 'https://shop.example/wp-json/' . $path;
}
function wp_create_nonce( $action ) {
	return 'nonce-for-' . $action;
}
function get_current_screen() {
	return $GLOBALS['wp']['screen'] ?? null;
}

require_once __DIR__ . '/stubs/FeaturesUtil.php';
require_once dirname( __DIR__ ) . '/prima-connect.php';
$GLOBALS['pc_boot_actions'] = $GLOBALS['wp']['actions'];
