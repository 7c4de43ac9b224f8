package dev.memoize.key;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Refuses to turn lambdas and other generated (synthetic or hidden) classes into JSON for
 * keys. Jackson writes a lambda as {@code {}} even when empty beans fail, so every lambda
 * would share one key and a call would be served another lambda's result.
 */
final class GeneratedClasses {

	private GeneratedClasses() {
	}

	/**
	 * A module whose serializer fails for a generated class, wherever it is in an input.
	 * @return the module
	 */
	static SimpleModule refused() {
		return new SimpleModule("memoize-refuse-generated-classes").setSerializerModifier(new Modifier());
	}

	private static final class Modifier extends ValueSerializerModifier {

		@Override
		public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier beanDesc,
				ValueSerializer<?> serializer) {
			Class<?> type = beanDesc.getBeanClass();
			return (type.isSynthetic() || type.isHidden()) ? new Refusing(type) : serializer;
		}

	}

	private static final class Refusing extends StdSerializer<Object> {

		Refusing(Class<?> type) {
			super(type, false);
		}

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			context.reportBadDefinition(value.getClass(),
					"a lambda or other generated class has no JSON form that tells one instance from another", null);
		}

	}

}
