package dev.memoize.interceptor;

import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

import dev.memoize.MemoizeException;

/**
 * Parses and evaluates the SpEL of {@code condition} and {@code unless}, as Spring's
 * {@code @Cacheable} does: parameters are variables by name, the result is
 * {@code #result}, the bean is the root object.
 */
final class MemoizeExpressions {

	private static final ExpressionParser PARSER = new SpelExpressionParser();

	private MemoizeExpressions() {
	}

	static Expression parse(String text) throws ParseException {
		return PARSER.parseExpression(text);
	}

	static boolean test(Expression expression, MemoizeOperation operation, Object target, Object[] args, Object result,
			boolean withResult) {
		StandardEvaluationContext context = new StandardEvaluationContext(target);
		String[] names = operation.parameterNames();
		for (int i = 0; i < names.length; i++) {
			context.setVariable(names[i], args[i]);
		}
		if (withResult) {
			context.setVariable("result", result);
		}
		try {
			Boolean value = expression.getValue(context, Boolean.class);
			return Boolean.TRUE.equals(value);
		}
		catch (EvaluationException ex) {
			throw new MemoizeException("@Memoize on " + operation.func() + ": cannot evaluate '"
					+ expression.getExpressionString() + "' to a boolean: " + ex.getMessage(), ex);
		}
	}

}
