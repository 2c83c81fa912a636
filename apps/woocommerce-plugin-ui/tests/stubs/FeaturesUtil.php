<?php
namespace Automattic\WooCommerce\Utilities;

/** Records the compatibility declarations WooCommerce would receive. */
class FeaturesUtil {
	public static $declared = array();
	public static function declare_compatibility( $feature, $plugin_file, $positive = true ) {
		self::$declared[] = array( $feature, basename( $plugin_file ), $positive );
		return true;
	}
}
