import { Alert } from 'antd';
import { Component, type ReactNode } from 'react';

/** Keeps the page (and its table of the same numbers) when the chart's code fails to load. */
export class ChartBoundary extends Component<
  { message: string; children: ReactNode },
  { failed: boolean }
> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? (
      <Alert type="warning" showIcon title={this.props.message} />
    ) : (
      this.props.children
    );
  }
}
