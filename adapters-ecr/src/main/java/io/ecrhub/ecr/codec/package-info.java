/**
 * The QFPay ECR wire codec (protocol doc §5, §6), exactly as Odoo's production client speaks it:
 * canonical content, uppercase MD5 digest, the {@code {content:..., digest:'...'}} wrapper, AES-CBC
 * with the POS key's UTF-8 bytes and the fixed IV, Base64 as a JSON string literal; tolerant
 * response decoding.
 */
package io.ecrhub.ecr.codec;
